import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius, podReachability } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";
import { relabeller } from "./pod-classes";
import { RadiusEngine } from "./radius-engine";

const text = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop, labels: {team: payments}}
spec: {template: {metadata: {labels: {app: api}}, spec: {containers: [{name: api, image: api}]}}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: api-5d9f, namespace: shop, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api-5d9f-aaaaa, namespace: shop, labels: {app: api}, ownerReferences: [{kind: ReplicaSet, name: api-5d9f, controller: true}]}
spec:
  nodeName: node-a
  containers: [{name: api, image: api, securityContext: {privileged: true}, volumeMounts: [{name: kube-api-access-1111a, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}]
  volumes: [{name: kube-api-access-1111a, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
---
apiVersion: v1
kind: Pod
metadata: {name: api-5d9f-bbbbb, namespace: shop, labels: {app: api}, ownerReferences: [{kind: ReplicaSet, name: api-5d9f, controller: true}]}
spec:
  nodeName: node-a
  containers: [{name: api, image: api, securityContext: {privileged: true}, volumeMounts: [{name: kube-api-access-2222b, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]}]
  volumes: [{name: kube-api-access-2222b, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
---
apiVersion: v1
kind: Pod
metadata: {name: api-5d9f-ccccc, namespace: shop, labels: {app: api}, ownerReferences: [{kind: ReplicaSet, name: api-5d9f, controller: true}]}
spec: {nodeName: node-b, containers: [{name: api, image: api}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: batch}
spec: {jobTemplate: {spec: {template: {spec: {serviceAccountName: reporter, containers: [{name: run, image: r}]}}}}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: report-28000000, namespace: batch, ownerReferences: [{kind: CronJob, name: report, controller: true}]}
---
apiVersion: v1
kind: Pod
metadata: {name: report-28000000-xyz, namespace: batch, ownerReferences: [{kind: Job, name: report-28000000, controller: true}]}
spec: {nodeName: node-b, containers: [{name: run, image: r}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cleanup, namespace: batch}
spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: clean, image: c, volumeMounts: [{name: root, mountPath: /host}]}], volumes: [{name: root, hostPath: {path: /}}]}}}}}
---
apiVersion: v1
kind: Pod
metadata: {name: orphan, namespace: shop, ownerReferences: [{kind: ReplicaSet, name: gone-123, controller: true}]}
spec: {containers: [{name: o, image: o}]}
---
apiVersion: v1
kind: Pod
metadata: {name: lonely, namespace: shop}
spec: {containers: [{name: l, image: l}]}
---
apiVersion: blastradius.dev/v1alpha1
kind: Team
metadata: {name: payments}
spec: {selectors: ["team=payments"]}
`;

const inv = parseInventory([{ name: "w.yaml", text }]);
const graph = buildAttackGraph(inv, { cluster: "c" });

describe("workloads through ownerReferences", () => {
  it("Pod → ReplicaSet → Deployment, Pod → Job → CronJob, an absent owner, a pod of its own", () => {
    expect(graph.workloads.map((w) => [w.id, w.pods])).toEqual([
      ["CronJob/batch/cleanup", ["Pod/batch/cleanup"]],
      ["CronJob/batch/report", ["Pod/batch/report-28000000-xyz"]],
      ["Deployment/shop/api", ["Pod/shop/api-5d9f-aaaaa", "Pod/shop/api-5d9f-bbbbb", "Pod/shop/api-5d9f-ccccc"]],
      ["Pod/shop/lonely", ["Pod/shop/lonely"]],
      ["ReplicaSet/shop/gone-123", ["Pod/shop/orphan"]],
    ]);
  });

  it("a CronJob without pods gets one unscheduled pod from jobTemplate.spec.template", () => {
    expect(graph.pod("Pod/batch/cleanup")).toMatchObject({ node: "unscheduled", synthesized: true, workload: "CronJob/batch/cleanup", containers: ["Container/batch/cleanup/clean"] });
    const edges = [...graph.edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
    expect(edges).toContain("Container/batch/cleanup/clean EXPLOIT_HOST_WRITE Node/unscheduled");
    // Node/unscheduled holds no pod: no POD_ATTACH, no VOLUME_ACCESS out of it.
    expect(edges.filter((e) => e.startsWith("Node/unscheduled ") && / (POD_ATTACH|VOLUME_ACCESS) /.test(e))).toEqual([]);
  });

  it("a workload's blast radius is the union of its pods, each asset at its cheapest", () => {
    const api = computeBlastRadius(graph, inv).find((r) => r.workload === "Deployment/shop/api")!;
    expect(api.team).toBe("payments");
    expect(api.reachable.map((a) => `${a.asset}@${a.cost}`)).toEqual(["Node/node-a@1"]);
    expect(api.reachable[0].path[0].from).toBe("Container/shop/api-5d9f-aaaaa/api");
    expect(podReachability(graph, "Pod/shop/api-5d9f-ccccc")!.reachable).toEqual([]);
  });
});

describe("pod classes", () => {
  it("pods with the same service account, node, security context and volumes share one class", () => {
    const engine = new RadiusEngine(graph);
    const { classOf, locals } = engine.classes;
    const index = (id: string) => graph.pods.findIndex((p) => p.id === id);
    const at = (id: string) => classOf[index(id)];
    // kubelet's random token volume names do not split a class.
    expect(at("Pod/shop/api-5d9f-aaaaa")).toBe(at("Pod/shop/api-5d9f-bbbbb"));
    expect(at("Pod/shop/api-5d9f-aaaaa")).not.toBe(at("Pod/shop/api-5d9f-ccccc"));
    // Neither do container names: only what the containers can do.
    expect(at("Pod/shop/lonely")).toBe(at("Pod/shop/orphan"));
    expect(engine.classes.count).toBe(graph.pods.length - 2);
    const rename = relabeller(graph, locals[index("Pod/shop/api-5d9f-aaaaa")], locals[index("Pod/shop/api-5d9f-bbbbb")]);
    expect(rename("Volume/shop/api-5d9f-aaaaa/kube-api-access-1111a")).toBe("Volume/shop/api-5d9f-bbbbb/kube-api-access-2222b");
    expect(rename("Pod/shop/api-5d9f-aaaaa")).toBe("Pod/shop/api-5d9f-bbbbb");
    expect(rename("Node/node-a")).toBe("Node/node-a");
  });

  it("a class member's paths are the first member's, re-labelled to its own containers", () => {
    const engine = new RadiusEngine(graph);
    const a = podReachability(graph, "Pod/shop/api-5d9f-aaaaa", engine)!;
    const b = podReachability(graph, "Pod/shop/api-5d9f-bbbbb", engine)!;
    expect(a.reachable.map((r) => r.path[0].from)).toEqual(["Container/shop/api-5d9f-aaaaa/api"]);
    expect(b.reachable.map((r) => r.path[0].from)).toEqual(["Container/shop/api-5d9f-bbbbb/api"]);
    expect(b.score).toBe(a.score);
  });
});
