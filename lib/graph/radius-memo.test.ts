// Searches reused across a live inventory's runs (radius-memo.ts): only what a change can reach
// runs again, and the answers equal a fresh engine's. The random sequences are in
// test/live-inventory-property.test.ts; these are the cases it may not draw.
import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import { applyChanges, checkChanges } from "../inventory/live-changes";
import { inventoryOfDocuments, parseInventory, type TFiledDocument } from "../inventory/parse-inventory";
import { analyzeParsed, type TAnalysis } from "../snapshots/analyze-inventory";
import { FAN_OUT, GraphBuilder } from "./graph-store";
import { RadiusEngine } from "./radius-engine";
import { RadiusMemo } from "./radius-memo";
import type { TEdgeKind, TPodInfo } from "./types";

const pod = (name: string): TPodInfo => ({ id: `Pod/ns/${name}`, namespace: "ns", name, node: "n1", workload: `Deployment/ns/${name}`, synthesized: false, containers: [], labels: {} });

/** An account that may exec into every pod, and pods that each reach one critical Secret. */
function execGraph(pods: string[]) {
  const b = new GraphBuilder();
  b.flag("ServiceAccount/ns/admin", FAN_OUT.execAllPods);
  for (const name of pods) {
    b.asset(`Secret/ns/${name}-secret`, { type: "secret", sensitivity: "critical" });
    b.edge("SECRET_READ", `Pod/ns/${name}`, `Secret/ns/${name}-secret`);
  }
  return b.freeze("c", pods.map(pod), []);
}

const summary = (a: TAnalysis) => JSON.stringify([a.radii, a.newPods]);

describe("radius memo", () => {
  it("runs a search again when a fan-out group gains a member nothing else points to", () => {
    const memo = new RadiusMemo();
    const before = execGraph(["a"]);
    const first = memo.begin(before);
    const engine = new RadiusEngine(before, first);
    expect(engine.reachFromVertices(["ServiceAccount/ns/admin"]).map((r) => r.asset)).toEqual(["Secret/ns/a-secret"]);
    first.finish(engine.tables);

    // pod b is new and only the "every pod" group reaches it: no vertex the old search read changed
    const after = execGraph(["a", "b"]);
    const second = memo.begin(after);
    const reached = new RadiusEngine(after, second).reachFromVertices(["ServiceAccount/ns/admin"]);
    expect(reached.map((r) => r.asset).sort()).toEqual(["Secret/ns/a-secret", "Secret/ns/b-secret"]);
    expect(second.figures).toEqual({ reused: 0, searched: 1, dirty: 0 });
  });

  it("reuses a search whose vertices did not change, and runs one that reads a changed vertex", () => {
    const memo = new RadiusMemo();
    const before = execGraph(["a", "b"]);
    const first = memo.begin(before);
    const engine = new RadiusEngine(before, first);
    engine.reachFromVertices(["Pod/ns/a"]);
    engine.reachFromVertices(["Pod/ns/b"]);
    first.finish(engine.tables);

    const b = new GraphBuilder();
    b.flag("ServiceAccount/ns/admin", FAN_OUT.execAllPods);
    for (const name of ["a", "b"]) {
      b.asset(`Secret/ns/${name}-secret`, { type: "secret", sensitivity: "critical" });
      b.edge("SECRET_READ", `Pod/ns/${name}`, `Secret/ns/${name}-secret`);
    }
    // b's secret becomes readable from a too: a's search must see it, b's is unaffected
    b.edge("SECRET_READ", "Pod/ns/a", "Secret/ns/b-secret");
    const after = b.freeze("c", [pod("a"), pod("b")], []);
    const second = memo.begin(after);
    const next = new RadiusEngine(after, second);
    expect(next.reachFromVertices(["Pod/ns/a"]).map((r) => r.asset)).toEqual(["Secret/ns/a-secret", "Secret/ns/b-secret"]);
    expect(next.reachFromVertices(["Pod/ns/b"]).map((r) => r.asset)).toEqual(["Secret/ns/b-secret"]);
    expect(second.figures).toEqual({ reused: 1, searched: 1, dirty: 1 });
  });

  // The admin account may exec into every pod: its search enters the "every pod" group, whose
  // table changes when a pod joins. Built with `edges` (from, kind, to) and the pods listed.
  type TSpec = { pods: string[]; edges: [string, TEdgeKind, string][]; assets?: string[] };
  function adminAnswers(before: TSpec, after: TSpec, ...later: TSpec[]) {
    const graphOf = ({ pods, edges, assets = ["Secret/ns/shared", "Secret/ns/other"] }: TSpec) => {
      const b = new GraphBuilder();
      b.flag("ServiceAccount/ns/admin", FAN_OUT.execAllPods);
      for (const id of assets) b.asset(id, { type: "secret", sensitivity: "critical" });
      for (const [from, kind, to] of edges) b.edge(kind, from, to);
      return b.freeze("c", pods.map(pod), []);
    };
    const paths = (rs: ReturnType<RadiusEngine["reachFromVertices"]>) => rs.map((r) => `${r.asset}@${r.cost}:${r.path.map((st) => `${st.from}>${st.edge}>${st.to}`).join(",")}`);
    const memo = new RadiusMemo();
    const g1 = graphOf(before);
    const first = memo.begin(g1);
    const e1 = new RadiusEngine(g1, first);
    const was = paths(e1.reachFromVertices(["ServiceAccount/ns/admin"]));
    first.finish(e1.tables);
    let result = { was, live: was, fresh: was, figures: first.figures };
    for (const spec of [after, ...later]) {
      const g = graphOf(spec);
      const run = memo.begin(g);
      const engine = new RadiusEngine(g, run);
      const live = paths(engine.reachFromVertices(["ServiceAccount/ns/admin"]));
      run.finish(engine.tables);
      result = { was: result.live, live, fresh: paths(new RadiusEngine(g).reachFromVertices(["ServiceAccount/ns/admin"])), figures: run.figures };
    }
    return result;
  }

  it("reuses a search through the every-pod group when the new pod changes nothing it found", () => {
    const b: [string, TEdgeKind, string][] = [["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"]];
    const r = adminAnswers({ pods: ["b"], edges: b }, { pods: ["b", "c"], edges: [...b, ["Pod/ns/c", "CONTAINER_ATTACH", "Container/ns/c/app"]] });
    expect(r.live).toEqual(r.fresh);
    expect(r.figures.reused).toBe(1);
  });

  it("keeps an unchanged group's table across a run that did not compute it (vertex indices shift)", () => {
    const b: [string, TEdgeKind, string][] = [["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"]];
    // run 2: a vertex sorting before all others appears (every index shifts), the pods stay: the table holds as it was
    const shifted: [string, TEdgeKind, string][] = [...b, ["Aaa/x", "SECRET_READ", "Secret/ns/other"]];
    // run 3: a pod joins that changes nothing found: compared with the table kept from run 1
    const r = adminAnswers({ pods: ["b"], edges: b }, { pods: ["b"], edges: shifted }, { pods: ["b", "c"], edges: [...shifted, ["Pod/ns/c", "CONTAINER_ATTACH", "Container/ns/c/app"]] });
    expect(r.live).toEqual(r.fresh);
    expect(r.figures.reused).toBe(1);
  });

  it("runs a search through the group again when the new pod is a smaller path to what it found", () => {
    // pod a sorts before b: the tie on the path to the shared Secret now goes through a
    const b: [string, TEdgeKind, string][] = [["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"]];
    const r = adminAnswers({ pods: ["b"], edges: b }, { pods: ["a", "b"], edges: [...b, ["Pod/ns/a", "SECRET_READ", "Secret/ns/shared"]] });
    expect(r.live).toEqual(r.fresh);
    expect(r.live).not.toEqual(r.was);
    expect(r.figures.searched).toBe(1);
  });

  it("runs a search through the group again when a member's edge into what it found changes kind", () => {
    // SECRET_READ and TOKEN_LIST cost the same: the smaller edge name wins
    const b: [string, TEdgeKind, string][] = [["Pod/ns/b", "TOKEN_LIST", "Secret/ns/shared"]];
    const r = adminAnswers({ pods: ["b"], edges: b }, { pods: ["b"], edges: [...b, ["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"]] });
    expect(r.live).toEqual(r.fresh);
    expect(r.live).not.toEqual(r.was);
    expect(r.figures.searched).toBe(1);
  });

  it("runs a search through the group again when the new pod reaches a vertex the group did not", () => {
    // the other Secret was in the graph, reached from no pod
    const b: [string, TEdgeKind, string][] = [
      ["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"],
      ["ServiceAccount/ns/reader", "SECRET_READ", "Secret/ns/other"],
    ];
    const r = adminAnswers({ pods: ["b"], edges: b }, { pods: ["b", "c"], edges: [...b, ["Pod/ns/c", "SECRET_READ", "Secret/ns/other"]] });
    expect(r.live).toEqual(r.fresh);
    expect(r.live).not.toEqual(r.was);
    expect(r.figures.searched).toBe(1);
  });

  it("reuses a search through the group when a vertex it reached off every path is gone", () => {
    // a RoleBinding's subject removed: the account the group reached, through which no path ran
    const b: [string, TEdgeKind, string][] = [["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"]];
    const r = adminAnswers({ pods: ["b"], edges: [...b, ["Pod/ns/b", "CONTAINER_ATTACH", "Container/ns/b/app"]] }, { pods: ["b"], edges: b });
    expect(r.live).toEqual(r.fresh);
    expect(r.figures).toEqual({ ...r.figures, reused: 1, searched: 0 });
  });

  it("runs a search through the group again when a vertex a path ran through is gone", () => {
    const b: [string, TEdgeKind, string][] = [["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"]];
    const through: [string, TEdgeKind, string][] = [
      ["Pod/ns/b", "CONTAINER_ATTACH", "Container/ns/b/app"],
      ["Container/ns/b/app", "SECRET_READ", "Secret/ns/other"],
    ];
    const r = adminAnswers({ pods: ["b"], edges: [...b, ...through] }, { pods: ["b"], edges: b });
    expect(r.live).toEqual(r.fresh);
    expect(r.live).not.toEqual(r.was);
    expect(r.figures.searched).toBe(1);
  });

  it("runs a search through the group again when an asset it found is gone", () => {
    const edges: [string, TEdgeKind, string][] = [
      ["Pod/ns/b", "SECRET_READ", "Secret/ns/shared"],
      ["Pod/ns/b", "SECRET_READ", "Secret/ns/other"],
    ];
    const r = adminAnswers({ pods: ["b"], edges }, { pods: ["b"], edges: edges.slice(0, 1), assets: ["Secret/ns/shared"] });
    expect(r.live).toEqual(r.fresh);
    expect(r.live).not.toEqual(r.was);
    expect(r.figures.searched).toBe(1);
  });

  it("on the demo inventory, a new replica re-runs few searches and gives what a full analysis gives", () => {
    const filed = new WeakMap<object, TFiledDocument>();
    const documents = parseInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()), format: "json" }], filed).documents;
    const memo = new RadiusMemo();
    const first = analyzeParsed(inventoryOfDocuments(documents, filed), "demo", undefined, { radiusMemo: memo });
    const template = [...documents.values()].find((d) => d.kind === "Pod" && (d.metadata as { name: string }).name.startsWith("payments-api-")) as { metadata: Record<string, unknown> };
    const replica = { ...structuredClone(template), metadata: { ...structuredClone(template.metadata), name: `${template.metadata.name}-new` } };
    const check = checkChanges([{ type: "ADDED", object: replica }], { teams: true });
    const next = inventoryOfDocuments(applyChanges(documents, check.accepted), filed);
    const live = analyzeParsed(next, "demo", undefined, { radiusMemo: memo });
    const full = analyzeParsed(next, "demo");
    expect(summary(live)).toEqual(summary(full));
    expect(summary(live)).not.toEqual(summary(first));
    const searches = live.searches!;
    expect(searches.reused + searches.searched).toBeGreaterThan(10);
    expect(searches.searched).toBeLessThan(searches.reused);
  });

  it("a workload's pods deleted and added again in one batch (moved to the end of the documents) keep the answer a full analysis gives", () => {
    // payments-api's replicas are one class, searched from one of them: which one must not follow document order
    const filed = new WeakMap<object, TFiledDocument>();
    const documents = parseInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()), format: "json" }], filed).documents;
    const memo = new RadiusMemo();
    const first = analyzeParsed(inventoryOfDocuments(documents, filed), "demo", undefined, { radiusMemo: memo });
    const workload = first.radii.find((r) => r.pods.length >= 2 && r.workload.includes("payments"))!;
    const keyOf = (id: string) => `Pod\0${id.split("/")[1]}\0${id.split("/")[2]}`;
    const pod = documents.get(keyOf(workload.pods[0]))!;
    const next = inventoryOfDocuments(
      applyChanges(documents, [
        { type: "DELETED", key: keyOf(workload.pods[0]), document: null },
        { type: "ADDED", key: keyOf(workload.pods[0]), document: pod },
      ]),
      filed,
    );
    expect(next.pods.at(-1)!.metadata.name).toBe(workload.pods[0].split("/")[2]);
    const live = analyzeParsed(next, "demo", undefined, { radiusMemo: memo });
    const of = (a: TAnalysis) => a.radii.find((r) => r.workload === workload.workload)!;
    expect(of(live)).toEqual(of(analyzeParsed(next, "demo")));
    expect(of(live)).toEqual(of(first));
    expect(live.searches!.searched).toBe(0);
  });

  it("runs a workload's search again when one of its pods changes, although the search's own vertices did not", () => {
    // payments-api's replicas are one class: the search starts from the first only; the second turns privileged
    const filed = new WeakMap<object, TFiledDocument>();
    const documents = parseInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()), format: "json" }], filed).documents;
    const memo = new RadiusMemo();
    const first = analyzeParsed(inventoryOfDocuments(documents, filed), "demo", undefined, { radiusMemo: memo });
    const workload = first.radii.find((r) => r.pods.length >= 2 && r.workload.includes("payments"))!;
    const second = [...documents.values()].find((d) => `Pod/${(d.metadata as { namespace: string }).namespace}/${(d.metadata as { name: string }).name}` === workload.pods[1])!;
    const changed = structuredClone(second) as { spec: { containers: { securityContext?: Record<string, unknown> }[] } };
    changed.spec.containers[0].securityContext = { ...changed.spec.containers[0].securityContext, privileged: true };
    const check = checkChanges([{ type: "MODIFIED", object: changed as unknown as Record<string, unknown> }], { teams: true });
    const next = inventoryOfDocuments(applyChanges(documents, check.accepted), filed);
    const live = analyzeParsed(next, "demo", undefined, { radiusMemo: memo });
    const of = (a: TAnalysis) => a.radii.find((r) => r.workload === workload.workload)!;
    expect(of(live)).toEqual(of(analyzeParsed(next, "demo")));
    expect(of(live).reachable.length).toBeGreaterThan(workload.reachable.length);
  });
});
