// "What changed" on a real PostgreSQL: one fixture edited twice — a container made privileged, then
// a RoleBinding that lets its service account read a critical Secret — and each diff names the new
// paths, the edge that opened them and the object it leaves from; going back removes them.
import { beforeAll, describe, expect, it } from "vitest";
import * as inventory from "../app/api/v1/inventory/route";
import * as diff from "../app/api/v1/snapshots/[a]/diff/[b]/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";

const CLUSTER = `diff-${Date.now().toString(36)}`;
let admin: string;
let analyst: string;

const yaml = (privileged: boolean, binding: boolean) => `
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
---
apiVersion: v1
kind: Secret
metadata: { name: db-password, namespace: shop, labels: { blastradius.dev/sensitivity: critical } }
type: Opaque
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: read-secrets, namespace: shop }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec: { template: { spec: { serviceAccountName: api, containers: [{ name: api, image: shop/api:1 }] } } }
---
apiVersion: v1
kind: Pod
metadata:
  name: api-1
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, controller: true }]
spec:
  nodeName: node-a
  serviceAccountName: api
  containers: [{ name: api, image: shop/api:1, securityContext: { privileged: ${privileged} } }]
${
  binding
    ? `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: api-reads-secrets, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: api, namespace: shop }]`
    : ""
}
`;

const upload = async (privileged: boolean, binding: boolean): Promise<string> => {
  const res = await inventory.POST(apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: yaml(privileged, binding), headers: { "content-type": "application/yaml" } }), noParams);
  expect(res.status).toBe(200);
  return (await res.json()).snapshotId;
};
const getDiff = async (a: string, b: string, token = analyst) => {
  const res = await diff.GET(apiRequest(`/api/v1/snapshots/${a}/diff/${b}`, { token }), params({ a, b }));
  return { status: res.status, body: await res.json() };
};

let base: string;
let privileged: string;
let bound: string;
beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  base = await upload(false, false);
  privileged = await upload(true, false);
  bound = await upload(true, true);
});

describe("GET /api/v1/snapshots/{a}/diff/{b}", () => {
  it("attributes the paths a privileged flag opened to the container that gained the escape edge", async () => {
    const { status, body } = await getDiff(base, privileged);
    expect(status).toBe(200);
    expect(body.cluster).toBe(CLUSTER);
    const toNode = body.changes.find((c: { asset: string; change: string }) => c.asset === "Node/node-a" && c.change === "new");
    expect(toNode).toBeTruthy();
    expect(toNode.workload).toBe("Deployment/shop/api");
    expect(toNode.cause.from).toBe("Container/shop/api-1/api");
    expect(toNode.cause.edge).toMatch(/^CE_/);
    expect(toNode.summary).toMatch(/^container "api" of pod shop\/api-1 gained CE_/);
    expect(toNode.cause.remediation).toContain("privileged");
    expect(body.summary.removed).toBe(0);
  });

  it("attributes a new path to a critical Secret to the RoleBinding, and reports it removed going back", async () => {
    const { body } = await getDiff(privileged, bound);
    const secret = body.changes.find((c: { asset: string }) => c.asset === "Secret/shop/db-password");
    expect(secret).toMatchObject({ change: "new", sensitivity: "critical", workload: "Deployment/shop/api" });
    expect(secret.cause.subject).toBe('role "read-secrets" as granted by RoleBinding shop/api-reads-secrets');
    expect(secret.summary).toBe('role "read-secrets" as granted by RoleBinding shop/api-reads-secrets now applies to service account shop/api');
    expect(body.changes[0].sensitivity).toBe("critical"); // most sensitive first
    const back = await getDiff(bound, privileged);
    expect(back.body.changes.find((c: { asset: string }) => c.asset === "Secret/shop/db-password")).toMatchObject({ change: "removed" });
    expect(back.body.summary.new).toBe(0);
  });

  it("names a snapshot that does not exist", async () => {
    const { status, body } = await getDiff(base, "no-such-snapshot");
    expect(status).toBe(404);
    expect(JSON.stringify(body)).toContain("no-such-snapshot");
  });
});
