// Incremental equals full (DESIGN.md "Live inventory"): random sequences of watch events, applied
// batch by batch as the server applies them (the analysis worker keeps the documents and what it
// validated of them, applies each batch, and validates only the changed documents; after a restart
// it reads the stored List back; each run reuses the previous graph's searches a change cannot
// affect, lib/graph/radius-memo.ts), give the same blast radius — score for score, path for path —
// as a full analysis after every batch and as one full upload of the final inventory, listed in
// another order.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "../lib/demo/build-demo-inventory";
import { loadDemoSources } from "../lib/demo/load-demo-sources";
import { applyChanges, checkChanges, documentsAsList, type TChange } from "../lib/inventory/live-changes";
import { inventoryOfDocuments, parseInventory, type TFiledDocument } from "../lib/inventory/parse-inventory";
import { RadiusMemo } from "../lib/graph/radius-memo";
import { analyzeInventory, analyzeParsed, graphAssets, type TAnalysis } from "../lib/snapshots/analyze-inventory";
import { SHOP_YAML } from "./cluster-fixture";

type TObj = { apiVersion?: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };

const clone = <T>(v: T): T => structuredClone(v);
const idOf = (o: TObj) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** What an analysis says, in comparable form. */
function outcome(a: TAnalysis) {
  const of = (rs: typeof a.radii) =>
    Object.fromEntries(
      rs.map((r) => [r.workload, { score: r.score, team: r.team, pods: r.pods, breakdown: r.breakdown, reachable: r.reachable.map((x) => `${x.asset}@${x.cost}:${x.path.map((s) => `${s.from}>${s.edge}>${s.to}`).join(",")}`) }]),
    );
  const assets = [...graphAssets(a.graph)].map(([id, info]) => `${id}:${info.type}:${info.sensitivity}`);
  const edges = [...a.graph.edges()].map((e) => `${e.from}>${e.edge}>${e.to}`);
  const vertices = Array.from({ length: a.graph.vertexCount }, (_, i) => a.graph.id(i));
  return { workloads: of(a.radii), newPods: of(a.newPods), edges, vertices, assets, controllers: a.controllers.map((c) => `${c.kind}/${c.namespace}/${c.name}>${c.workloadKey}`).sort() };
}

/** One random change against the current objects. */
function changeArb(objects: TObj[], serial: number): fc.Arbitrary<{ change: TChange; apply: (list: TObj[]) => TObj[] }> {
  const pods = objects.filter((o) => o.kind === "Pod");
  const bindings = objects.filter((o) => o.kind === "RoleBinding" || o.kind === "ClusterRoleBinding");
  const withContainers = objects.filter((o) => o.kind === "Pod" || o.kind === "Deployment" || o.kind === "DaemonSet" || o.kind === "StatefulSet");
  const namespaces = [...new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n))];
  const nodes = objects.filter((o) => o.kind === "Node").map((o) => o.metadata.name);
  const replace = (next: TObj) => (list: TObj[]) => list.map((o) => (idOf(o) === idOf(next) ? next : o));
  const options: fc.Arbitrary<{ change: TChange; apply: (list: TObj[]) => TObj[] }>[] = [];
  if (objects.length) {
    options.push(
      fc.constantFrom(...objects).map((o) => ({
        change: { type: "DELETED" as const, object: { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace } } },
        apply: (list: TObj[]) => list.filter((x) => idOf(x) !== idOf(o)),
      })),
    );
  }
  if (pods.length) {
    // a new replica (or an attacker's pod) on some node
    options.push(
      fc.tuple(fc.constantFrom(...pods), fc.constantFrom(...(nodes.length ? nodes : ["node-x"]))).map(([p, node]) => {
        const pod = clone(p);
        pod.metadata = { ...pod.metadata, name: `${p.metadata.name}-r${serial}` };
        (pod as unknown as { spec: { nodeName?: string } }).spec = { ...(pod.spec as object), nodeName: node };
        return { change: { type: "ADDED" as const, object: pod }, apply: (list: TObj[]) => [...list.filter((x) => idOf(x) !== idOf(pod)), pod] };
      }),
    );
  }
  if (withContainers.length) {
    // flip `privileged` on the first container
    options.push(
      fc.constantFrom(...withContainers).map((o) => {
        const next = clone(o) as TObj & { spec: { containers?: { securityContext?: { privileged?: boolean } }[]; template?: { spec: { containers: { securityContext?: { privileged?: boolean } }[] } } } };
        const containers = next.kind === "Pod" ? next.spec.containers : next.spec.template?.spec.containers;
        if (containers?.[0]) containers[0].securityContext = { ...containers[0].securityContext, privileged: !containers[0].securityContext?.privileged };
        return { change: { type: "MODIFIED" as const, object: next }, apply: replace(next) };
      }),
    );
  }
  if (bindings.length && namespaces.length) {
    // bind one more service account, or drop the last subject
    options.push(
      fc.tuple(fc.constantFrom(...bindings), fc.constantFrom(...namespaces), fc.boolean()).map(([b, ns, add]) => {
        const next = clone(b) as TObj & { subjects?: unknown[] };
        const subjects = [...(next.subjects ?? [])];
        if (add) subjects.push({ kind: "ServiceAccount", name: "default", namespace: ns });
        else subjects.pop();
        next.subjects = subjects;
        return { change: { type: "MODIFIED" as const, object: next }, apply: replace(next) };
      }),
    );
  }
  const accounts = objects.filter((o) => o.kind === "ServiceAccount");
  if (accounts.length) {
    // a service account stops (or starts) mounting its token in pods
    options.push(
      fc.constantFrom(...accounts).map((o) => {
        const next = clone(o) as TObj & { automountServiceAccountToken?: boolean };
        next.automountServiceAccountToken = next.automountServiceAccountToken === false;
        return { change: { type: "MODIFIED" as const, object: next }, apply: replace(next) };
      }),
    );
  }
  if (pods.length) {
    // a sensitive Service in front of some pod (its network backends change)
    options.push(
      fc.constantFrom(...pods).map((p) => {
        const labels = (p.metadata as { labels?: Record<string, string> }).labels ?? { app: p.metadata.name };
        const service: TObj = {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: `db-${serial}`, namespace: p.metadata.namespace, annotations: { "blastradius.dev/sensitivity": "critical" } } as TObj["metadata"],
          spec: { selector: labels, ports: [{ port: 5432 }] },
        };
        return { change: { type: "ADDED" as const, object: service }, apply: (list: TObj[]) => [...list, service] };
      }),
    );
  }
  const secrets = objects.filter((o) => o.kind === "Secret");
  if (secrets.length) {
    // a Secret pods reference becomes a service account token Secret (no longer an asset), or back
    options.push(
      fc.constantFrom(...secrets).map((o) => {
        const next = clone(o) as TObj & { type?: string };
        const token = next.type !== "kubernetes.io/service-account-token";
        next.type = token ? "kubernetes.io/service-account-token" : "Opaque";
        next.metadata = { ...next.metadata, annotations: token ? { "kubernetes.io/service-account.name": "default" } : {} } as TObj["metadata"];
        return { change: { type: "MODIFIED" as const, object: next }, apply: replace(next) };
      }),
    );
  }
  if (namespaces.length) {
    // a Secret a pod may reference appears (or one is replaced by a token Secret)
    options.push(
      fc.tuple(fc.constantFrom(...namespaces), fc.boolean()).map(([ns, token]) => {
        const secret: TObj = {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: `s-${serial}`, namespace: ns, ...(token ? { annotations: { "kubernetes.io/service-account.name": "default" } } : {}) } as TObj["metadata"],
          type: token ? "kubernetes.io/service-account-token" : "Opaque",
        };
        return { change: { type: "ADDED" as const, object: secret }, apply: (list: TObj[]) => [...list, secret] };
      }),
    );
  }
  if (namespaces.length) {
    // a default-deny egress policy
    options.push(
      fc.constantFrom(...namespaces).map((ns) => {
        const policy: TObj = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: `deny-${serial}`, namespace: ns }, spec: { podSelector: {}, policyTypes: ["Egress"] } };
        return { change: { type: "ADDED" as const, object: policy }, apply: (list: TObj[]) => [...list, policy] };
      }),
    );
  }
  return fc.oneof(...options);
}

/** A sequence of batches of changes, each generated against the objects as the previous left them. */
function scenario(base: TObj[]) {
  return fc.integer({ min: 1, max: 4 }).chain((batches) => {
    let arb: fc.Arbitrary<{ objects: TObj[]; batches: TChange[][] }> = fc.constant({ objects: base, batches: [] });
    let serial = 0;
    for (let b = 0; b < batches; b++) {
      arb = arb.chain(({ objects, batches: done }) =>
        fc.integer({ min: 1, max: 3 }).chain((n) => {
          let inner: fc.Arbitrary<{ objects: TObj[]; batch: TChange[] }> = fc.constant({ objects, batch: [] });
          for (let i = 0; i < n; i++) {
            const s = ++serial;
            inner = inner.chain(({ objects: now, batch }) => changeArb(now, s).map(({ change, apply }) => ({ objects: apply(now), batch: [...batch, change] })));
          }
          return inner.map(({ objects: after, batch }) => ({ objects: after, batches: [...done, batch] }));
        }),
      );
    }
    return arb;
  });
}

function baseObjects(text: string): TObj[] {
  return [...parseInventory([{ name: "base", text }]).documents.values()].map((d) => clone(d) as TObj);
}

describe("live inventory: incremental equals full", () => {
  const bases = {
    demo: buildDemoInventory(loadDemoSources()),
    shop: JSON.stringify({ apiVersion: "v1", kind: "List", items: baseObjects(SHOP_YAML("shop-team")) }),
    // a root container with the host's /var/log writable, whose account may read pod logs (KubeHound CE_VAR_LOG_SYMLINK)
    varlog: readFileSync(fileURLToPath(new URL("../../shared/fixtures/kubehound/attacks/CE_VAR_LOG_SYMLINK.yaml", import.meta.url)), "utf8"),
  };

  for (const [name, text] of Object.entries(bases)) {
    it(`${name}: random watch events applied batch by batch give what a full upload of the result gives`, () => {
      const base = baseObjects(text);
      fc.assert(
        fc.property(scenario(base), ({ objects, batches }) => {
          // as the server does it: the worker holds the documents and what it validated of them;
          // every other batch it has restarted and reads the stored List back
          let documents = parseInventory([{ name: "base", text, format: text.trimStart().startsWith("{") ? "json" : "yaml" }]).documents as ReadonlyMap<string, Record<string, unknown>>;
          let validated = new WeakMap<object, TFiledDocument>();
          let inventory = inventoryOfDocuments(documents, validated);
          // and its searches: each run reuses the previous graph's answers a change cannot affect
          let radiusMemo = new RadiusMemo();
          analyzeParsed(inventory, "prop", undefined, { radiusMemo });
          let last: TAnalysis | null = null;
          batches.forEach((batch, b) => {
            const check = checkChanges(batch, { teams: true });
            expect(check.rejected).toEqual([]);
            if (b % 2 === 1) {
              documents = parseInventory([{ name: "stored", text: documentsAsList(documents), format: "json" }]).documents;
              validated = new WeakMap();
            }
            // a restarted worker has no searches to reuse either (not in step with the documents: both ways are tested)
            if (b % 3 === 2) radiusMemo = new RadiusMemo();
            documents = applyChanges(documents, check.accepted);
            inventory = inventoryOfDocuments(documents, validated);
            last = analyzeParsed(inventory, "prop", undefined, { radiusMemo });
            // every batch's incremental answer equals a full analysis of the same documents
            expect(outcome(last)).toEqual(outcome(analyzeParsed(inventory, "prop")));
          });
          // the final inventory uploaded whole, listed in reverse order
          const full = JSON.stringify({ apiVersion: "v1", kind: "List", items: [...objects].reverse() });
          expect(outcome(last!)).toEqual(outcome(analyzeInventory([{ name: "inventory", text: full, format: "json" }], "prop")));
        }),
        { numRuns: name === "demo" ? 25 : 40, seed: 20261202 },
      );
    });
  }

  it("rejects a bad object by index naming its field, and keeps the others", () => {
    const check = checkChanges(
      [
        { type: "ADDED", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "ok", namespace: "a" }, spec: { containers: [{ name: "c", image: "i" }] } } },
        { type: "ADDED", object: { apiVersion: "v1", kind: "Pod", metadata: { namespace: "a" }, spec: {} } },
        { type: "ADDED", object: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } } },
        { type: "DELETED", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "gone", namespace: "a" } } },
        { type: "ADDED", object: { apiVersion: "blastradius.dev/v1alpha1", kind: "Team", metadata: { name: "t" }, spec: { namespaces: ["a"] } } },
      ],
      { teams: false },
    );
    expect(check.accepted.map((c) => [c.type, c.key.replace(/\0/g, "/")])).toEqual([
      ["ADDED", "Pod/a/ok"],
      ["DELETED", "Pod/a/gone"],
    ]);
    expect(check.rejected.map((r) => r.index)).toEqual([1, 4]);
    expect(check.rejected[0].error).toMatch(/metadata\.name/);
    expect(check.rejected[1].error).toMatch(/Team documents/);
    expect(check.ignored).toEqual({ Widget: 1 });
  });
});
