// A live inventory's graph builds replay what did not change (build-memo.ts): the graph equals a
// fresh build's, vertex for vertex and edge for edge. The random sequences are in
// test/live-inventory-property.test.ts; these are the figures and the names starting afresh.
import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import { applyChanges, checkChanges, type TChange } from "../inventory/live-changes";
import { inventoryOfDocuments, parseInventory, type TFiledDocument } from "../inventory/parse-inventory";
import type { TInventory } from "../inventory/types";
import { buildAttackGraph } from "./build-graph";
import { BuildMemo } from "./build-memo";
import type { TAttackGraph } from "./types";

const asText = (g: TAttackGraph) => ({
  vertices: Array.from({ length: g.vertexCount }, (_, i) => `${g.id(i)}:${g.kind(i)}:${JSON.stringify(g.asset(i))}:${g.fanOut.flags[i]}`),
  edges: [...g.edges()].map((e) => `${e.from}>${e.edge}>${e.to}`),
  pods: Array.from(g.fanOut.pods, (i) => g.id(i)),
  nodes: Array.from(g.fanOut.nodes, (i) => g.id(i)),
});

type TDoc = { kind: string; metadata: { name: string; namespace?: string } };

function demo() {
  const filed = new WeakMap<object, TFiledDocument>();
  let documents = parseInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()), format: "json" }], filed).documents as ReadonlyMap<string, Record<string, unknown>>;
  const template = [...documents.values()].find((d) => d.kind === "Pod" && (d.metadata as { name: string }).name.startsWith("payments-api-")) as unknown as TDoc;
  return {
    inventory: () => inventoryOfDocuments(documents, filed),
    /** replaces replica `i - 1` (if any) by replica `i` of payments-api */
    replace(i: number): TInventory {
      const replica = { ...structuredClone(template), metadata: { ...structuredClone(template.metadata), name: `${template.metadata.name}-r${i}` } };
      const changes: TChange[] = [{ type: "ADDED", object: replica }];
      if (i > 0) changes.push({ type: "DELETED", object: { apiVersion: "v1", kind: "Pod", metadata: { ...template.metadata, name: `${template.metadata.name}-r${i - 1}` } } });
      const check = checkChanges(changes, { teams: true });
      expect(check.rejected).toEqual([]);
      documents = applyChanges(documents, check.accepted);
      return inventoryOfDocuments(documents, filed);
    },
  };
}

describe("build memo", () => {
  it("a new replica records its own rules only and replays every other pod's; the graph equals a fresh build", () => {
    const cluster = demo();
    const memo = new BuildMemo();
    const first = buildAttackGraph(cluster.inventory(), { cluster: "demo", memo });
    expect(memo.figures.replayed).toBe(0);
    const pods = memo.figures.recorded;
    expect(pods).toBeGreaterThan(20);

    const next = cluster.replace(0);
    const live = buildAttackGraph(next, { cluster: "demo", previous: first, memo });
    // recorded: the new replica, and at most the pods of its node (those whose rules read the node's pods)
    const node = live.pods.find((p) => p.name.endsWith("-r0"))!.node;
    const beside = first.pods.filter((p) => p.node === node).length;
    expect(beside).toBeGreaterThan(0);
    expect(memo.figures.replayed + memo.figures.recorded).toBe(pods + 1);
    expect(memo.figures.recorded).toBeGreaterThanOrEqual(1);
    expect(memo.figures.recorded).toBeLessThanOrEqual(1 + beside);
    expect(asText(live)).toEqual(asText(buildAttackGraph(next, { cluster: "demo" })));
    expect(live.index(`Pod/${next.pods.at(-1)!.metadata.namespace}/${next.pods.at(-1)!.metadata.name}`)).toBeGreaterThanOrEqual(0);
    // the earlier graph does not know identifiers interned since
    expect(first.index("Pod/payments/nothing-like-it")).toBe(-1);
  });

  it("starts its names afresh when replaced pods leave too many behind, and still builds the same graph", () => {
    const cluster = demo();
    const memo = new BuildMemo(0);
    let graph = buildAttackGraph(cluster.inventory(), { cluster: "demo", memo });
    let resets = 0;
    for (let i = 0; resets < 2; i++) {
      expect(i).toBeLessThan(1000);
      const next = cluster.replace(i);
      const before = graph;
      const names = memo.names;
      graph = buildAttackGraph(next, { cluster: "demo", previous: before, memo });
      const reset = memo.names !== names;
      if (reset) resets++;
      // a graph built on the names before keeps answering by identifier
      expect(before.index(before.id(7))).toBe(7);
      if (reset || i % 25 === 0) expect(asText(graph)).toEqual(asText(buildAttackGraph(next, { cluster: "demo" })));
      expect(memo.names.size).toBeLessThanOrEqual(2 * before.vertexCount + 100);
    }
  });
});
