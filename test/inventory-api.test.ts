// POST /api/v1/inventory and GET /api/v1/workloads on a real PostgreSQL: atomic replacement,
// snapshot retention, team scoping, errors that name the document and field, no Secret values.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import * as inventory from "../app/api/v1/inventory/route";
import * as workloads from "../app/api/v1/workloads/route";
import * as workload from "../app/api/v1/workloads/[id]/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { db } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";

const SECRET_VALUE = "c3VwZXJzZWNyZXQtdmFsdWU=";

function clusterYaml(opts: { teamNs?: string; extraPod?: string } = {}) {
  return `
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: api, namespace: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: read-secrets, namespace: shop }
rules: [{ apiGroups: [""], resources: [secrets], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: api-reads-secrets, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: api, namespace: shop }]
---
apiVersion: v1
kind: Secret
metadata: { name: db-password, namespace: shop, labels: { blastradius.dev/sensitivity: critical } }
type: Opaque
data: { password: ${SECRET_VALUE} }
---
apiVersion: v1
kind: Pod
metadata: { name: api-1, namespace: shop }
spec:
  nodeName: node-a
  serviceAccountName: api
  containers: [{ name: api, image: shop/api:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: ${opts.extraPod ?? "web-1"}, namespace: other }
spec:
  nodeName: node-a
  automountServiceAccountToken: false
  containers: [{ name: web, image: web:1 }]
---
apiVersion: blastradius.dev/v1alpha1
kind: Team
metadata: { name: shop-team-${opts.teamNs ?? "x"} }
spec: { namespaces: [shop] }
`;
}

let admin: string;
let ingest: string;
let analyst: string;

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  ingest = (await makeToken("ingest")).secret;
  analyst = (await makeToken("analyst")).secret;
});

afterEach(() => {
  delete process.env.INVENTORY_KEEP_SNAPSHOTS;
  delete process.env.INVENTORY_MAX_BYTES;
  resetEnvCache();
});

const upload = (cluster: string, body: string, token = admin, contentType = "application/yaml") =>
  inventory.POST(apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token, rawBody: body, headers: { "content-type": contentType } }), noParams);

const list = async (token: string, query = "") => {
  const res = await workloads.GET(apiRequest(`/api/v1/workloads${query}`, { token }), noParams);
  return { status: res.status, body: await res.json() };
};

describe("POST /api/v1/inventory", () => {
  it("stores a snapshot and answers with its counts; GET /workloads ranks it", async () => {
    const res = await upload("shop-a", clusterYaml({ teamNs: "a" }), ingest);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ cluster: "shop-a", pods: 2 });
    expect(body.objects).toBeGreaterThanOrEqual(9);
    expect(body.edges).toBeGreaterThan(0);
    expect(body.assets).toBeGreaterThan(0);
    const { body: page } = await list(admin, "?cluster=shop-a");
    expect(page.items.map((w: { workload: string }) => w.workload)).toEqual(["Pod/shop/api-1", "Pod/other/web-1"]);
    const api = page.items[0];
    expect(api).toMatchObject({ cluster: "shop-a", team: "shop-team-a", pods: ["Pod/shop/api-1"] });
    expect(api.score).toBeGreaterThan(0);
    const secret = api.reachable.find((r: { asset: string }) => r.asset === "Secret/shop/db-password");
    expect(secret).toMatchObject({ sensitivity: "critical" });
    expect(secret.path[0].from).toBe("Container/shop/api-1/api");
    expect(secret.path.at(-1)).toMatchObject({ edge: "SECRET_READ", to: "Secret/shop/db-password" });
    expect(page.items[1].score).toBe(0);
  });

  it("never stores a Secret's value", async () => {
    await upload("shop-secret", clusterYaml({ teamNs: "s" }));
    const snapshots = await db().inventorySnapshot.findMany({ select: { graph: true } });
    for (const s of snapshots) expect(gunzipSync(Buffer.from(s.graph)).toString()).not.toContain(SECRET_VALUE);
    const rows = await db().$queryRawUnsafe<{ dump: string }[]>(
      `SELECT (SELECT coalesce(string_agg(w::text, ''), '') FROM workloads w) || (SELECT coalesce(string_agg(a::text, ''), '') FROM audit_log a) AS dump`,
    );
    expect(rows[0].dump).not.toContain(SECRET_VALUE);
  });

  it("replaces the cluster's snapshot, keeps the last N, and a bad upload leaves the previous one intact", async () => {
    process.env.INVENTORY_KEEP_SNAPSHOTS = "2";
    resetEnvCache();
    for (const pod of ["w-1", "w-2", "w-3"]) expect((await upload("shop-b", clusterYaml({ teamNs: "b", extraPod: pod }))).status).toBe(200);
    const names = (await list(admin, "?cluster=shop-b")).body.items.map((w: { workload: string }) => w.workload);
    expect(names).toContain("Pod/other/w-3");
    expect(names).not.toContain("Pod/other/w-2");
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "shop-b" } });
    expect(await db().inventorySnapshot.count({ where: { clusterId: cluster.id } })).toBe(2);

    const bad = await upload("shop-b", clusterYaml({ teamNs: "b", extraPod: "w-4" }) + "---\napiVersion: v1\nkind: Pod\nmetadata: { namespace: shop }\n");
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.message).toMatch(/document 9/);
    expect(error.message).toMatch(/metadata\.name/);
    const after = (await list(admin, "?cluster=shop-b")).body.items.map((w: { workload: string }) => w.workload);
    expect(after).toEqual(names);
  });

  it("refuses roles without inventory rights, missing credentials, bad cluster names and oversized bodies", async () => {
    expect((await upload("shop-c", clusterYaml(), analyst)).status).toBe(403);
    const anon = await inventory.POST(apiRequest("/api/v1/inventory?cluster=x", { method: "POST", rawBody: "{}" }), noParams);
    expect(anon.status).toBe(401);
    const badName = await upload("bad name!", clusterYaml());
    expect(badName.status).toBe(400);
    expect((await badName.json()).error.message).toMatch(/query\.cluster/);
    process.env.INVENTORY_MAX_BYTES = "2048";
    resetEnvCache();
    expect((await upload("shop-c", clusterYaml() + "#".repeat(4096))).status).toBe(413);
  });

  it("shows a developer only their teams' workloads, and 404 for another team's", async () => {
    await upload("shop-d", clusterYaml({ teamNs: "d" }));
    const team = await db().team.findUniqueOrThrow({ where: { name: "shop-team-d" } });
    const dev = (await makeToken("developer", { teamIds: [team.id] })).secret;
    const { body } = await list(dev);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((w: { team: string }) => w.team === "shop-team-d")).toBe(true);
    const other = (await list(admin, "?cluster=shop-d")).body.items.find((w: { team: string | null }) => w.team === null);
    const res = await workload.GET(apiRequest(`/api/v1/workloads/${other.id}`, { token: dev }), params({ id: other.id }));
    expect(res.status).toBe(404);
    const mine = body.items[0];
    expect((await workload.GET(apiRequest(`/api/v1/workloads/${mine.id}`, { token: dev }), params({ id: mine.id }))).status).toBe(200);
  });

  it("addresses a workload by a stable id, the same in every snapshot; an old per-snapshot id redirects to it", async () => {
    await upload("shop-e", clusterYaml({ teamNs: "e" }));
    const before = (await list(admin, "?cluster=shop-e")).body.items;
    await upload("shop-e", clusterYaml({ teamNs: "e", extraPod: "w-9" }));
    const after = (await list(admin, "?cluster=shop-e")).body.items;
    const keyed = (items: { id: string; workload: string; snapshotId: string }[]) => new Map(items.map((w) => [w.workload, w]));
    const [b, a] = [keyed(before), keyed(after)];
    expect(a.size).toBeGreaterThan(0);
    for (const [key, w] of a) {
      expect(w.id).toMatch(/^wl_[0-9a-f]{24}$/);
      if (b.has(key)) {
        expect(b.get(key)!.id).toBe(w.id);
        expect(b.get(key)!.snapshotId).not.toBe(w.snapshotId);
      }
    }
    // another cluster's workload of the same key has another id
    const sameKeyElsewhere = (await list(admin, "?cluster=shop-d")).body.items.map((w: { id: string }) => w.id);
    const ids = new Set([...a.values()].map((w) => w.id));
    expect(sameKeyElsewhere.length).toBeGreaterThan(0);
    expect(sameKeyElsewhere.some((id: string) => ids.has(id))).toBe(false);
    const first = after[0];
    const one = await workload.GET(apiRequest(`/api/v1/workloads/${first.id}`, { token: admin }), params({ id: first.id }));
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: first.id, current: true, snapshotId: first.snapshotId });
    // an id of the old snapshot's row (links shared before stable ids) redirects to the stable one
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "shop-e" } });
    const oldRow = await db().workload.findFirstOrThrow({ where: { key: first.workload, snapshot: { clusterId: cluster.id }, NOT: { snapshotId: first.snapshotId } } });
    const moved = await workload.GET(apiRequest(`/api/v1/workloads/${oldRow.id}`, { token: admin }), params({ id: oldRow.id }));
    expect(moved.status).toBe(308);
    expect(moved.headers.get("location")).toBe(`/api/v1/workloads/${first.id}`);
    expect((await workload.GET(apiRequest(`/api/v1/workloads/wl_000000000000000000000000`, { token: admin }), params({ id: "wl_000000000000000000000000" }))).status).toBe(404);
  });

  it("pages with an opaque cursor in blast-radius order", async () => {
    const first = await list(admin, "?limit=1");
    expect(first.body.items).toHaveLength(1);
    const second = await list(admin, `?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].score).toBeLessThanOrEqual(first.body.items[0].score);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await list(admin, "?cursor=garbage")).status).toBe(400);
  });
});
