// What a live run's graph build carries over from the previous one (build-graph.ts, graph-store.ts):
// the vertex order and the pods' facts. Each must give the graph a build from nothing gives.
import { describe, expect, it } from "vitest";
import type { TInventory } from "../inventory/types";
import { parseInventory } from "../inventory/parse-inventory";
import { buildAttackGraph } from "./build-graph";
import { GraphBuilder } from "./graph-store";
import type { TAttackGraph } from "./types";

const ids = (g: TAttackGraph) => Array.from({ length: g.vertexCount }, (_, i) => g.id(i));
const edges = (g: TAttackGraph) => [...g.edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);

function builder(names: string[]): GraphBuilder {
  const b = new GraphBuilder();
  // added in an order unrelated to identifier order
  for (const name of [...names].reverse()) b.edge("SECRET_READ", `Pod/ns/${name}`, `Secret/ns/${name}`);
  return b;
}

describe("incremental graph build", () => {
  it("freezing after an earlier graph orders vertices as a fresh sort does, with vertices gone and new", () => {
    const before = builder(["b", "d", "f", "h"]).freeze("c", [], []);
    const names = ["a", "d", "e", "f", "z", "c"];
    const fresh = builder(names).freeze("c", [], []);
    const after = builder(names).freeze("c", [], [], new Map(), before);
    expect(ids(after)).toEqual(ids(fresh));
    expect(ids(after)).toEqual([...ids(after)].sort());
    expect(edges(after)).toEqual(edges(fresh));
    for (const id of ids(after)) expect(after.id(after.index(id))).toBe(id);
    // nothing new: the earlier order as it is
    expect(ids(builder(["b", "d"]).freeze("c", [], [], new Map(), before))).toEqual(ids(builder(["b", "d"]).freeze("c", [], [])));
  });

  it("a pod's facts are read again when its service account's automount setting changes, the pod object unchanged", () => {
    const text = (automount: boolean) => `
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: shop}
automountServiceAccountToken: ${automount}
---
apiVersion: v1
kind: Pod
metadata: {name: api-0, namespace: shop}
spec:
  serviceAccountName: app
  nodeName: node-a
  containers: [{name: api, image: shop/api:1}]
`;
    const on = parseInventory([{ name: "on", text: text(true) }]);
    const off = parseInventory([{ name: "off", text: text(false) }]);
    // the same pod object in both, as a live run's held documents are
    const sameOff: TInventory = { ...off, pods: on.pods };
    const first = buildAttackGraph(on, { cluster: "c" });
    const second = buildAttackGraph(sameOff, { cluster: "c", previous: first });
    expect(edges(first)).not.toEqual(edges(second));
    expect(edges(second)).toEqual(edges(buildAttackGraph(off, { cluster: "c" })));
    expect(edges(buildAttackGraph(on, { cluster: "c", previous: second }))).toEqual(edges(first));
  });
});
