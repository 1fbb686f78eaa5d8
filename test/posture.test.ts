// Posture over time on a real PostgreSQL: each stored inventory gives its cluster a point with the
// figures a security lead watches; at most one point an hour (the latest replaces the hour's);
// points outlive the snapshots they came from; a change to the cluster moves the figures.
import { beforeAll, describe, expect, it } from "vitest";
import * as inventory from "../app/api/v1/inventory/route";
import * as posture from "../app/api/v1/metrics/posture/route";
import { apiRequest, makeToken, noParams } from "./fixtures";
import { db } from "../lib/db/client";

const CLUSTER = `posture-${Date.now().toString(36)}`;
let admin: string;
let manager: string;

const yaml = (privileged: boolean, admins: boolean) => `
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ops, namespace: tools }
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: tools }
spec:
  nodeName: node-a
  serviceAccountName: ops
  containers: [{ name: shell, image: busybox:1, securityContext: { privileged: ${privileged} } }, { name: side, image: busybox:1 }]
${
  admins
    ? `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ops-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: ops, namespace: tools }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: cluster-admin }
rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]`
    : ""
}
`;

const upload = async (privileged: boolean, admins: boolean) => {
  const res = await inventory.POST(apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: yaml(privileged, admins), headers: { "content-type": "application/yaml" } }), noParams);
  expect(res.status).toBe(200);
};
const points = async () => {
  const res = await posture.GET(apiRequest(`/api/v1/metrics/posture?cluster=${CLUSTER}`, { token: manager }), noParams);
  expect(res.status).toBe(200);
  return (await res.json()).points as { at: string; snapshotId: string | null; figures: Record<string, number> }[];
};

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  manager = (await makeToken("manager")).secret;
});

describe("posture over time", () => {
  it("records the inventory's figures, one point an hour at most, the latest winning", async () => {
    await upload(true, true);
    let p = await points();
    expect(p).toHaveLength(1);
    expect(p[0].figures).toMatchObject({ privilegedContainers: 1, controlPlaneWorkloads: 1, unownedWorkloads: 1, workloads: 1, acceptedRisks: 0 });
    expect(p[0].figures.escapeContainers).toBeGreaterThanOrEqual(1);
    expect(p[0].figures.blastRadiusSum).toBeGreaterThan(0);

    await upload(false, true); // the privileged flag dropped, within the hour: the same point, updated
    p = await points();
    expect(p).toHaveLength(1);
    expect(p[0].figures).toMatchObject({ privilegedContainers: 0, controlPlaneWorkloads: 1 });

    // an hour later (the point moved back), dropping the binding makes a second point
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
    await db().posturePoint.updateMany({ where: { clusterId: cluster.id }, data: { at: new Date(Date.now() - 2 * 3_600_000) } });
    await upload(false, false);
    p = await points();
    expect(p).toHaveLength(2);
    expect(p[1].figures).toMatchObject({ privilegedContainers: 0, controlPlaneWorkloads: 0 });
    expect(p[1].figures.blastRadiusSum).toBeLessThan(p[0].figures.blastRadiusSum);
  });

  it("keeps points when their snapshots are pruned, and names an unknown cluster", async () => {
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
    await db().inventorySnapshot.deleteMany({ where: { clusterId: cluster.id, NOT: { id: cluster.currentSnapshotId! } } });
    expect((await points()).length).toBe(2);
    const res = await posture.GET(apiRequest(`/api/v1/metrics/posture?cluster=no-such-cluster`, { token: manager }), noParams);
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toContain("no-such-cluster");
  });
});
