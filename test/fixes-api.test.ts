// GET /api/v1/workloads/{id}/fixes on a real PostgreSQL: SHOP_YAML's api Deployment reads a critical
// Secret through its RoleBinding; the fixes come from that path, the cheapest set removes it (and is
// what a rebuild confirms in lib/remediation's tests), and a developer sees only their team's workloads.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as fixesRoute from "../app/api/v1/workloads/[id]/fixes/route";
import * as inventory from "../app/api/v1/inventory/route";
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
    const role = parse(narrow.patch.yaml);
    expect(role).toMatchObject({ kind: "Role", metadata: { name: "read-secrets", namespace: "shop" } });
    expect(role.rules).toEqual([]);
    expect(byKind("delete-binding").patch.command).toBe("kubectl -n 'shop' delete rolebinding 'api-reads-secrets'");
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
