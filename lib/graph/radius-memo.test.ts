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
import type { TPodInfo } from "./types";

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
});
