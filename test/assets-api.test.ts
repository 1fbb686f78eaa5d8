// The reverse question on a real PostgreSQL: the Assets list ranks a cluster's assets by
// sensitivity and reach, and an asset's (or a service account's) reachers come cheapest first with
// their paths and open incidents; a developer sees only their teams' workloads among them.
import { beforeAll, describe, expect, it } from "vitest";
import * as assets from "../app/api/v1/assets/route";
import * as reachers from "../app/api/v1/assets/[id]/reachers/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { postShopShell, uploadShopCluster } from "./cluster-fixture";

const CLUSTER = `assets-${Date.now().toString(36)}`;
let analyst: string;
let developer: string;
let outsider: string;

const list = async (token: string, q = `cluster=${CLUSTER}`) => {
  const res = await assets.GET(apiRequest(`/api/v1/assets?${q}`, { token }), noParams);
  return { status: res.status, body: await res.json() };
};
const reach = async (id: string, token: string, q = `cluster=${CLUSTER}`) => {
  const res = await reachers.GET(apiRequest(`/api/v1/assets/${encodeURIComponent(id)}/reachers?${q}`, { token }), params({ id: encodeURIComponent(id) }));
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  const admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  // the shop cluster, plus a second workload in another namespace that also reads shop's secrets
  const extra = `
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ops, namespace: ops }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: read-all-secrets }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops-reads-secrets }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: read-all-secrets }
subjects: [{ kind: ServiceAccount, name: ops, namespace: ops }]
---
apiVersion: v1
kind: Pod
metadata: { name: ops-shell, namespace: ops }
spec:
  nodeName: node-a
  serviceAccountName: ops
  containers: [{ name: sh, image: busybox:1.36, volumeMounts: [{ name: token, mountPath: /var/run/secrets/kubernetes.io/serviceaccount }] }]
  volumes: [{ name: token, projected: { sources: [{ serviceAccountToken: { path: token } }] } }]
`;
  ({ developer, outsider } = await uploadShopCluster(CLUSTER, admin, extra));
  expect((await postShopShell(CLUSTER, admin)).status).toBe(202);
});

describe("assets", () => {
  it("lists the cluster's assets, most sensitive first, with how many workloads reach them", async () => {
    const { status, body } = await list(analyst);
    expect(status).toBe(200);
    expect(body.clusters).toEqual([CLUSTER]);
    const first = body.items[0];
    expect(first.sensitivity).toBe("critical");
    const secret = body.items.find((a: { id: string }) => a.id === "Secret/shop/db-password");
    expect(secret).toMatchObject({ cluster: CLUSTER, type: "secret", sensitivity: "critical", reachers: 2, nearestCost: 2, openIncidents: 1 });
    const tiers = body.items.map((a: { sensitivity: string }) => ["critical", "high", "medium", "low"].indexOf(a.sensitivity));
    expect(tiers).toEqual([...tiers].sort((x: number, y: number) => x - y));
  });

  it("names who can reach a crown jewel, cheapest first, with the path and the open incidents", async () => {
    const { status, body } = await reach("Secret/shop/db-password", analyst);
    expect(status).toBe(200);
    expect(body.vertex).toEqual({ id: "Secret/shop/db-password", cluster: CLUSTER, kind: "Secret", asset: { type: "secret", sensitivity: "critical" } });
    expect(body.items.map((r: { workload: { key: string }; cost: number }) => [r.workload.key, r.cost])).toEqual([
      ["Deployment/shop/api", 2],
      ["Pod/ops/ops-shell", 2],
    ]);
    const api = body.items[0];
    expect(api.path.map((s: { edge: string }) => s.edge)).toEqual(["IDENTITY_ASSUME", "PERMISSION_DISCOVER", "SECRET_READ"]);
    expect(api.path[0].from).toBe("Container/shop/api-7d9f-x1/api");
    expect(api.openIncidents).toHaveLength(1);
    expect(api.openIncidents[0]).toMatchObject({ title: "Terminal shell in container", status: "new" });
    expect(api.team).toBe(`${CLUSTER}-shop`);
    expect(api.workload.id).toMatch(/.+/);
  });

  it("answers the same for an identity: who can become this service account", async () => {
    const { body } = await reach("ServiceAccount/ops/ops", analyst);
    expect(body.vertex.asset).toBeNull();
    expect(body.vertex.kind).toBe("ServiceAccount");
    expect(body.items.map((r: { workload: { key: string } }) => r.workload.key)).toContain("Pod/ops/ops-shell");
  });

  it("shows a developer their teams' workloads only, and hides what none of theirs reaches", async () => {
    const mine = await reach("Secret/shop/db-password", developer);
    expect(mine.body.items.map((r: { workload: { key: string } }) => r.workload.key)).toEqual(["Deployment/shop/api"]);
    const theirs = await list(outsider);
    expect(theirs.body.items).toEqual([]);
    expect((await reach("Secret/shop/db-password", outsider)).status).toBe(404);
    const devList = await list(developer);
    expect(devList.body.items.find((a: { id: string }) => a.id === "Secret/shop/db-password").reachers).toBe(1);
  });

  it("404 for a vertex no cluster has; the identifier names what is wrong", async () => {
    const res = await reach("Secret/shop/nope", analyst);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("Secret/shop/nope");
  });
});
