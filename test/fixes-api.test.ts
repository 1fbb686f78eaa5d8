// GET /api/v1/workloads/{id}/fixes on a real PostgreSQL: SHOP_YAML's api Deployment reads a critical
// Secret through its RoleBinding; the fixes come from that path, the cheapest set removes it (and is
// what a rebuild confirms in lib/remediation's tests), and a developer sees only their team's workloads.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as fixesRoute from "../app/api/v1/workloads/[id]/fixes/route";
import * as chokeRoute from "../app/api/v1/clusters/[name]/choke-points/route";
import * as inventory from "../app/api/v1/inventory/route";
import * as changesRoute from "../app/api/v1/inventory/changes/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { stableWorkloadId } from "../lib/snapshots/workload-id";

const CLUSTER = `fx-${Date.now().toString(36)}`;
let analyst: string;
let developer: string;
let outsider: string;
const apiId = () => stableWorkloadId(CLUSTER, "Deployment/shop/api");
const get = (id: string, token: string) => fixesRoute.GET(apiRequest(`/api/v1/workloads/${encodeURIComponent(id)}/fixes`, { token }), params({ id }));

beforeAll(async () => {
  const admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  const up = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: SHOP_YAML(`${CLUSTER}-shop`), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(up.status).toBe(200);
  const team = await db().team.findUniqueOrThrow({ where: { name: `${CLUSTER}-shop` } });
  developer = (await makeToken("developer", { teamIds: [team.id] })).secret;
  const other = await db().team.create({ data: { name: `${CLUSTER}-other`, displayName: "Other" } });
  outsider = (await makeToken("developer", { teamIds: [other.id] })).secret;
});

describe("GET /api/v1/workloads/{id}/fixes", () => {
  it("lists the fixes of the path to the critical Secret, with what-if and the cheapest set", async () => {
    const res = await get(apiId(), analyst);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.workloadId).toBe(apiId());
    expect(body.score).toBeGreaterThan(0);
    expect(body.minimalCut).toMatchObject({ tier: "critical", status: "exact", cost: 2, lowerBound: 2, scoreAfter: 0 });
    expect(body.minimalCut.fixes).toHaveLength(1);
    expect(body.minimalCut.removedAssets).toContain("Secret/shop/db-password");
    const byKind = (kind: string) => body.whatIf.find((w: { fix: { kind: string } }) => w.fix.kind === kind);
    const narrow = byKind("narrow-role");
    expect(narrow).toMatchObject({ cost: 2, scoreAfter: 0, removedAssets: ["Secret/shop/db-password"] });
    // `patch` is the YAML (DESIGN.md); how to apply it beside it
    expect(narrow.apply).toMatchObject({ format: "manifest", command: "kubectl apply -f fix.yaml", target: { kind: "Role", namespace: "shop", name: "read-secrets" } });
    const role = parse(narrow.patch);
    expect(role).toMatchObject({ kind: "Role", metadata: { name: "read-secrets", namespace: "shop" } });
    expect(role.rules).toEqual([]);
    expect(byKind("delete-binding").apply.command).toBe("kubectl -n 'shop' delete rolebinding 'api-reads-secrets'");
    expect(byKind("delete-binding").patch).toBe("# kubectl -n 'shop' delete rolebinding 'api-reads-secrets'\n");
    // sorted by what each removes
    const removes = body.whatIf.map((w: { removes: number }) => w.removes);
    expect(removes).toEqual([...removes].sort((a: number, b: number) => b - a));
  });

  it("answers a developer of the owning team, and no one else's developer", async () => {
    expect((await get(apiId(), developer)).status).toBe(200);
    const res = await get(apiId(), outsider);
    expect(res.status).toBe(404);
  });

  it("names an unknown workload as not found", async () => {
    const res = await get(stableWorkloadId(CLUSTER, "Deployment/shop/nope"), analyst);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/workload/);
  });
});

describe("GET /api/v1/clusters/{name}/choke-points", () => {
  const choke = (token: string, q = "", name = CLUSTER) => chokeRoute.GET(apiRequest(`/api/v1/clusters/${name}/choke-points${q}`, { token }), params({ name }));

  it("ranks the cluster's fixes by the blast radius they remove, with the workloads each helps", async () => {
    const res = await choke(analyst);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.workloads).toBeGreaterThanOrEqual(2);
    const narrow = body.points.find((p: { fix: { kind: string } }) => p.fix.kind === "narrow-role");
    // priced for the platform team: the Role (2) plus the one workload it serves
    expect(narrow).toMatchObject({ criticalCut: 1, cost: 3 });
    expect(narrow.workloads).toEqual([expect.objectContaining({ workload: "Deployment/shop/api", workloadId: apiId(), losesCritical: true, after: 0 })]);
    expect(narrow.removed).toBe(narrow.workloads[0].before);
    const removed = body.points.map((p: { removed: number }) => p.removed);
    expect(removed).toEqual([...removed].sort((a: number, b: number) => b - a));
  });

  it("exports the selected fixes as one patch file", async () => {
    const body = await (await choke(analyst)).json();
    const narrow = body.points.find((p: { fix: { kind: string } }) => p.fix.kind === "narrow-role");
    const res = await choke(analyst, `?format=patch&ids=${encodeURIComponent(narrow.id)}`);
    expect(res.headers.get("content-type")).toContain("application/yaml");
    const text = await res.text();
    expect(text).toContain("kind: Role");
    expect(text).toContain("# Remove get/list/watch on secrets from Role shop/read-secrets");
    expect(text).not.toContain("delete rolebinding");
  });

  it("covers only a developer's own team's workloads", async () => {
    const mine = await (await choke(developer)).json();
    expect(mine.points.length).toBeGreaterThan(0);
    for (const p of mine.points) for (const w of p.workloads) expect(w.workload).toBe("Deployment/shop/api");
    const theirs = await (await choke(outsider)).json();
    expect(theirs).toMatchObject({ workloads: 0, total: 0, points: [] });
    // nor through the patch export
    expect(await (await choke(outsider, "?format=patch")).text()).toBe("");
    expect(await (await choke(developer, "?format=patch")).text()).toContain("Deployment/shop/api");
  });

  it("names an unknown cluster as not found", async () => {
    expect((await choke(analyst, "", "no-such-cluster")).status).toBe(404);
  });
});

describe("fixes on a live snapshot", () => {
  it("are computed on its documents: its source base's with the changes since applied", async () => {
    const admin = (await makeToken("admin")).secret;
    const cluster = `${CLUSTER}-live`;
    const up = await inventory.POST(
      apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token: admin, rawBody: SHOP_YAML(`${cluster}-shop`), headers: { "content-type": "application/yaml" } }),
      noParams,
    );
    expect(up.status).toBe(200);
    const id = stableWorkloadId(cluster, "Deployment/shop/api");
    expect((await (await get(id, analyst)).json()).minimalCut).toMatchObject({ tier: "critical" });
    // the binding that gave the api its path to the critical Secret goes away, live
    const unbind = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "api-reads-secrets", namespace: "shop" } };
    const res = await changesRoute.POST(apiRequest(`/api/v1/inventory/changes?cluster=${cluster}&wait=1`, { method: "POST", token: admin, body: { changes: [{ type: "DELETED", object: unbind }] } }), noParams);
    expect(res.status).toBe(200);
    const snapshot = await db().inventorySnapshot.findUniqueOrThrow({ where: { id: (await res.json()).snapshotId } });
    expect(snapshot.source).toBeNull();
    expect(snapshot.sourceBaseId).toBeTruthy();
    const after = await get(id, analyst);
    expect(after.status).toBe(200);
    const body = await after.json();
    expect(body.minimalCut?.tier ?? null).not.toBe("critical");
    expect(body.whatIf.some((w: { fix: { kind: string } }) => w.fix.kind === "narrow-role")).toBe(false);
  });
});
