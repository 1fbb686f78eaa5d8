// The incident's graph starts from the pod that alerted: two replicas of one Deployment on two
// nodes both escape to their node and steal a powerful token there; the workload's cheapest path
// runs through the first replica, but an alert from the second draws that replica's own path.
import { beforeAll, describe, expect, it } from "vitest";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import * as one from "../app/api/v1/incidents/[id]/route";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

const CLUSTER = `frompod-${Date.now().toString(36)}`;
const replica = (name: string, node: string) => `
---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: web
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-5f6d, controller: true }]
spec:
  nodeName: ${node}
  automountServiceAccountToken: false
  containers: [{ name: app, image: web:1, securityContext: { privileged: true } }]`;
const opsPod = (name: string, node: string) => `
---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ops }
spec:
  nodeName: ${node}
  serviceAccountName: admin-sa
  containers: [{ name: sh, image: busybox:1.36, volumeMounts: [{ name: token, mountPath: /var/run/secrets/kubernetes.io/serviceaccount }] }]
  volumes: [{ name: token, projected: { sources: [{ serviceAccountToken: { path: token } }] } }]`;
const YAML = `
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: Node
metadata: { name: node-b }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: admin-sa, namespace: ops }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: read-secrets }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: admin-reads }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: admin-sa, namespace: ops }]
---
apiVersion: v1
kind: Secret
metadata: { name: vault-key, namespace: ops, labels: { blastradius.dev/sensitivity: critical } }
type: Opaque
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5f6d
  namespace: web
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, controller: true }]
spec: { template: { spec: { containers: [{ name: app, image: web:1 }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: web }
spec: { template: { spec: { containers: [{ name: app, image: web:1 }] } } }
${replica("web-5f6d-aaaaa", "node-a")}${replica("web-5f6d-bbbbb", "node-b")}${opsPod("ops-a", "node-a")}${opsPod("ops-b", "node-b")}
`;

let analyst: string;
let incidentId: string;

beforeAll(async () => {
  const admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  const up = await inventory.POST(apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: YAML, headers: { "content-type": "application/yaml" } }), noParams);
  expect(up.status).toBe(200);
  const event = makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.now() - 60_000), hostname: "node-b", namespace: "web", pod: "web-5f6d-bbbbb", container: "app", image: "web:1" });
  const res = await alertsRoute.POST(apiRequest(`/api/v1/alerts/falco?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: JSON.stringify(event) }), params({ source: "falco" }));
  expect(res.status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  incidentId = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } })).id;
});

describe("the incident's graph", () => {
  it("draws the path from the replica that alerted, not from the first replica of the workload", async () => {
    const res = await one.GET(apiRequest(`/api/v1/incidents/${incidentId}`, { token: analyst }), params({ id: incidentId }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.drawnFrom).toEqual(["Pod/web/web-5f6d-bbbbb"]);
    const vault = body.paths.find((p: { asset: string }) => p.asset === "Secret/ops/vault-key");
    expect(vault).toBeTruthy();
    expect(vault.path[0].from).toBe("Container/web/web-5f6d-bbbbb/app");
    const through = vault.path.map((s: { to: string }) => s.to);
    expect(through).toContain("Node/node-b");
    expect(through).not.toContain("Node/node-a");
    // only what the alerting replica cannot reach by itself (the other node) is still drawn from the other replica
    const fromOther = body.paths.filter((p: { path: { from: string }[] }) => p.path[0].from.includes("aaaaa")).map((p: { asset: string }) => p.asset);
    expect(fromOther).toEqual(["Node/node-a"]);
    const ids = body.graph.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain("Container/web/web-5f6d-bbbbb/app");
  });
});
