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
import { vertexMapByNames } from "./graph-store";
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
    // vertices of the first graph in the second, by names index: what looking up each identifier gives
    const map = vertexMapByNames(first, live)!;
    expect(Array.from(map)).toEqual(Array.from({ length: first.vertexCount }, (_, u) => live.index(first.id(u))));
    expect(vertexMapByNames(first, buildAttackGraph(next, { cluster: "demo" }))).toBeNull();
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

  it("replays RBAC edges only while the rules and the namespace's Secrets, tokens, accounts and pods are unchanged", () => {
    const yaml = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: app, namespace: t }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: reader, namespace: t }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: lister, namespace: t }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: lister, namespace: t }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: lister }
subjects: [{ kind: ServiceAccount, name: reader, namespace: t }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: exec-all }
rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: exec-all }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: exec-all }
subjects: [{ kind: ServiceAccount, name: reader, namespace: t }]
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: svc, namespace: u }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: secret-lister }
rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: secret-lister }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-lister }
subjects: [{ kind: ServiceAccount, name: reader, namespace: t }]
---
apiVersion: v1
kind: Pod
metadata: { name: p, namespace: t }
spec: { serviceAccountName: app, nodeName: n1, containers: [{ name: c, image: i }] }
`;
    const filed = new WeakMap<object, TFiledDocument>();
    let documents = parseInventory([{ name: "t", text: yaml, format: "yaml" }], filed).documents as ReadonlyMap<string, Record<string, unknown>>;
    const memo = new BuildMemo();
    let graph = buildAttackGraph(inventoryOfDocuments(documents, filed), { cluster: "t", memo });
    const steps: [string, Record<string, unknown>][] = [
      ["nothing changes (every set's edges and the exec-all flag replayed)", {}],
      ["another service account (no Secrets: TOKEN_LIST to every account)", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "other", namespace: "t" } }],
      ["a first Secret, a token (TOKEN_LIST only to the accounts with one: none in namespace u any more)", { apiVersion: "v1", kind: "Secret", type: "kubernetes.io/service-account-token", metadata: { name: "app-token", namespace: "t", annotations: { "kubernetes.io/service-account.name": "app" } } }],
      ["another token Secret", { apiVersion: "v1", kind: "Secret", type: "kubernetes.io/service-account-token", metadata: { name: "other-token", namespace: "t", annotations: { "kubernetes.io/service-account.name": "other" } } }],
      ["the Role loses list (TOKEN_BRUTEFORCE instead)", { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "lister", namespace: "t" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }] }],
    ];
    const edgesOf = (g: TAttackGraph) => asText(g).edges.filter((e) => e.startsWith("PermissionSet/"));
    const seen = new Set<string>();
    for (const [step, object] of steps) {
      if (object.kind) {
        const check = checkChanges([{ type: "ADDED", object }], { teams: true });
        expect(check.rejected).toEqual([]);
        documents = applyChanges(documents, check.accepted);
      }
      const inventory = inventoryOfDocuments(documents, filed);
      graph = buildAttackGraph(inventory, { cluster: "t", previous: graph, memo });
      expect(asText(graph), step).toEqual(asText(buildAttackGraph(inventory, { cluster: "t" })));
      seen.add(JSON.stringify(edgesOf(graph)));
    }
    // each step but the first changed the sets' edges
    expect(seen.size).toBe(steps.length);
  });
});
