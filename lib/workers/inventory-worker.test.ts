// The analysis worker's held state, run in this process: an upload's documents are held as the
// snapshot it names (Team documents only when the uploader may change teams), an upload reuses the
// cluster's previous searches and still answers what a fresh analysis answers, and what is held
// stays within its bounds, least recently run dropped first; rows that did not change are the
// same objects run after run (what the row deltas pair off first).
import { describe, expect, it } from "vitest";
import { generateCluster } from "../../scripts/bench/cluster-gen";
import { SHOP_YAML } from "../../test/cluster-fixture";
import { applyChanges } from "../inventory/live-changes";
import { inventoryOfDocuments, parseInventory, type TFiledDocument } from "../inventory/parse-inventory";
import { analyzeParsed } from "../snapshots/analyze-inventory";
import { prepareSnapshot, type TPreparedSnapshot } from "../snapshots/prepare-snapshot";
import { heldClusters, holdWithin, liveRun, uploadRun } from "./inventory-worker";

const limits = { maxEdges: 1_000_000, maxVertices: 1_000_000 };
const source = (text: string) => ({ name: "cluster.json", text, format: "json" as const });

/** Each workload's score, breakdown, pods and tier counts (paths are encoded over each run's own dictionary). */
const ranking = (r: TPreparedSnapshot) =>
  Object.fromEntries([...r.workloads, ...r.unknownPods].map((w) => [w.key, { score: w.score, breakdown: w.breakdown, pods: w.pods, tiers: w.tierCounts }]));

describe("inventory worker: uploads", () => {
  it("holds an upload's documents as the snapshot it names: the next live run needs only its changes", async () => {
    const up = await uploadRun({ id: 1, source: { name: "shop.yaml", text: SHOP_YAML("worker-team") }, cluster: "w-1", limits, applyTeams: true, next: "snap-1" });
    expect(up.failure).toBeUndefined();
    expect(heldClusters()).toContain("w-1");
    const live = await liveRun({ id: 2, live: true, cluster: "w-1", limits, applyTeams: true, base: "snap-1", next: "snap-2", changes: [], packSource: false });
    expect(live.failure).toBeUndefined();
    // the same documents: every row is the upload's, copied (none written, none dropped)
    expect(live.result!.rowsFrom).toMatchObject({ snapshotId: "snap-1", dropPods: [], dropControllers: [], dropWorkloads: [] });
    expect([live.result!.workloads, live.result!.unknownPods, live.result!.podIndex]).toEqual([[], [], []]);
    expect(live.result!.workloadCount).toBe(up.result!.workloadCount);
    expect(live.result!.teamNames).toEqual(["worker-team"]);
    // another base than the one held: the run asks for the documents
    const stale = await liveRun({ id: 3, live: true, cluster: "w-1", limits, applyTeams: true, base: "snap-1", next: "snap-3", changes: [], packSource: false });
    expect(stale.failure).toEqual({ kind: "no_base" });
  });

  it("holds an upload that may not change teams without its Team documents, as it is stored", async () => {
    const up = await uploadRun({ id: 1, source: { name: "shop.yaml", text: SHOP_YAML("worker-team-2") }, cluster: "w-2", limits, applyTeams: false, next: "snap-1" });
    expect(up.result!.teamsSkipped).toEqual(["worker-team-2"]);
    // live runs apply Team documents (checked when each change was accepted): the skipped one is not among the held
    const live = await liveRun({ id: 2, live: true, cluster: "w-2", limits, applyTeams: true, base: "snap-1", next: "snap-2", changes: [], packSource: false });
    expect(live.result!.teamNames).toEqual([]);
    expect(live.result!.workloads.every((w) => w.teamName === null)).toBe(true);
  });

  it("an upload reuses the cluster's previous searches and answers what a fresh analysis answers", async () => {
    const first = generateCluster({ pods: 400, seed: 7 }).text;
    const items = (JSON.parse(first) as { items: { kind: string; metadata: { name: string } }[] }).items;
    // the next upload: one RoleBinding gone, one Deployment's pods gone
    const binding = items.findIndex((o) => o.kind === "RoleBinding");
    const pod = items.find((o) => o.kind === "Pod")!;
    const owner = pod.metadata.name.split("-").slice(0, -2).join("-");
    const second = JSON.stringify({ apiVersion: "v1", kind: "List", items: items.filter((o, i) => i !== binding && !(o.kind === "Pod" && o.metadata.name.startsWith(`${owner}-`))) });
    expect(second.length).toBeLessThan(first.length);

    await uploadRun({ id: 1, source: source(first), cluster: "w-3", limits, applyTeams: true, next: "snap-1" });
    const again = await uploadRun({ id: 2, source: source(second), cluster: "w-3", limits, applyTeams: true, next: "snap-2" });
    const fresh = await prepareSnapshot(source(second), "w-3", limits);
    expect(again.result!.searches!.reused).toBeGreaterThan(again.result!.searches!.searched);
    expect(ranking(again.result!)).toEqual(ranking(fresh));
    expect(Object.keys(ranking(fresh)).length).toBeGreaterThan(50);
  }, 60_000);
});

describe("inventory worker: rows against the previous run", () => {
  it("keeps a pod's index row and a controller's record as the same objects while they are unchanged", () => {
    const filed = new WeakMap<object, TFiledDocument>();
    const documents = parseInventory([{ name: "shop.yaml", text: SHOP_YAML("rows-team") }], filed).documents;
    const first = analyzeParsed(inventoryOfDocuments(documents, filed), "rows");
    const again = analyzeParsed(inventoryOfDocuments(documents, filed), "rows");
    expect(first.podIndex.length).toBeGreaterThan(1);
    expect(first.controllers.length).toBeGreaterThan(0);
    expect(again.podIndex.every((row, i) => row === first.podIndex[i])).toBe(true);
    expect(again.controllers.every((row, i) => row === first.controllers[i])).toBe(true);
    // a pod moved to another node: its row is a new object with the new node, the others stay
    const [key, pod] = [...documents].find(([k]) => k.startsWith("Pod\0"))!;
    const moved = { ...pod, spec: { ...(pod.spec as object), nodeName: "node-z" } };
    const next = analyzeParsed(inventoryOfDocuments(applyChanges(documents, [{ type: "MODIFIED", key, document: moved }]), filed), "rows");
    const changed = next.podIndex.filter((row, i) => row !== first.podIndex[i]);
    expect(changed).toEqual([expect.objectContaining({ name: (pod.metadata as { name: string }).name, nodeName: "node-z" })]);
  });
});

describe("inventory worker: what is held", () => {
  const docs = (n: number) => ({ documents: new Map(Array.from({ length: n }, (_, i) => [i, i])) });

  it("drops the least recently run clusters beyond the cluster count, never the one just run", () => {
    const held = new Map<string, ReturnType<typeof docs>>();
    for (const c of ["a", "b", "c"]) holdWithin(held, c, docs(1), { clusters: 2, documents: 100 });
    expect([...held.keys()]).toEqual(["b", "c"]);
    // running b again makes it the most recent: c goes next
    holdWithin(held, "b", docs(1), { clusters: 2, documents: 100 });
    holdWithin(held, "d", docs(1), { clusters: 2, documents: 100 });
    expect([...held.keys()]).toEqual(["b", "d"]);
  });

  it("drops the least recently run clusters until the documents fit, and holds a cluster over the budget alone", () => {
    const held = new Map<string, ReturnType<typeof docs>>();
    holdWithin(held, "a", docs(40), { clusters: 4, documents: 100 });
    holdWithin(held, "b", docs(40), { clusters: 4, documents: 100 });
    holdWithin(held, "c", docs(10), { clusters: 4, documents: 100 });
    expect([...held.keys()]).toEqual(["a", "b", "c"]);
    holdWithin(held, "d", docs(30), { clusters: 4, documents: 100 });
    expect([...held.keys()]).toEqual(["b", "c", "d"]);
    holdWithin(held, "e", docs(500), { clusters: 4, documents: 100 });
    expect([...held.keys()]).toEqual(["e"]);
  });
});
