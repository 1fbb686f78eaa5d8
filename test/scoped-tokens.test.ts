// Scoped ingest tokens: limited to clusters (cannot post for, or create, another), to alerts or
// inventories, and Team documents applied only with allowTeams (otherwise listed in teamsSkipped).
import { beforeAll, describe, expect, it } from "vitest";
import * as tokens from "../app/api/v1/tokens/route";
import * as inventory from "../app/api/v1/inventory/route";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

let admin: string;
beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
});

async function mint(body: Record<string, unknown>): Promise<{ secret: string; clusters: string[]; kinds: string[]; allowTeams: boolean }> {
  const res = await tokens.POST(apiRequest("/api/v1/tokens", { method: "POST", token: admin, body }), noParams);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

const event = (pod: string) =>
  JSON.stringify(makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.now() - 30_000), hostname: `n-${pod}`, namespace: "shop", pod, container: "c", image: "i:1", fields: {} }));

const postAlerts = (token: string, cluster: string, pod: string) =>
  alertsRoute.POST(
    apiRequest(`/api/v1/alerts/falco?cluster=${cluster}`, { method: "POST", token, rawBody: event(pod), headers: { "content-type": "application/json" } }),
    params({ source: "falco" }),
  );
const postInventory = (token: string, cluster: string, yaml: string) =>
  inventory.POST(apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token, rawBody: yaml, headers: { "content-type": "application/yaml" } }), noParams);

describe("scoped ingest tokens", () => {
  it("a sensor token limited to one cluster and to alerts posts there, and nowhere else", async () => {
    const t = await mint({ name: "falco-scoped-a", role: "ingest", clusters: ["scoped-a"], kinds: ["alerts"] });
    expect(t).toMatchObject({ clusters: ["scoped-a"], kinds: ["alerts"], allowTeams: false });
    expect((await postAlerts(t.secret, "scoped-a", "p1")).status).toBe(202);
    const other = await postAlerts(t.secret, "scoped-b", "p2");
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toMatch(/may not post for cluster "scoped-b"/);
    expect(await db().cluster.findUnique({ where: { name: "scoped-b" } })).toBeNull(); // not created
    const inv = await postInventory(t.secret, "scoped-a", SHOP_YAML("scoped-team"));
    expect(inv.status).toBe(403);
    expect((await inv.json()).error.message).toMatch(/may not post inventories/);
  });

  it("refuses a malformed cluster list or kind when the token is made", async () => {
    const res = await tokens.POST(apiRequest("/api/v1/tokens", { method: "POST", token: admin, body: { name: "x", role: "ingest", clusters: ["bad name!"], kinds: ["logs"] } }), noParams);
    expect(res.status).toBe(400);
    const message = (await res.json()).error.message;
    expect(message).toMatch(/body\.clusters\.0/);
    expect(message).toMatch(/body\.kinds\.0/);
  });

  it("a collector token without allowTeams uploads the inventory but neither creates nor changes teams", async () => {
    const t = await mint({ name: "collector-no-teams", role: "ingest", kinds: ["inventory"] });
    const res = await postInventory(t.secret, "scoped-teams", SHOP_YAML("sneaky-team"));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body.teamsSkipped).toEqual(["sneaky-team"]);
    expect(body.pods).toBeGreaterThan(0);
    expect(await db().team.findUnique({ where: { name: "sneaky-team" } })).toBeNull();
    const c = await db().cluster.findUniqueOrThrow({ where: { name: "scoped-teams" } });
    const w = await db().workload.findFirstOrThrow({ where: { snapshotId: c.currentSnapshotId!, key: "Deployment/shop/api" } });
    expect(w.teamId).toBeNull();
  });

  it("with allowTeams, Team documents create and assign teams as before", async () => {
    const t = await mint({ name: "collector-teams", role: "ingest", kinds: ["inventory"], allowTeams: true, clusters: ["scoped-teams-ok"] });
    const res = await postInventory(t.secret, "scoped-teams-ok", SHOP_YAML("allowed-team"));
    expect(res.status).toBe(200);
    expect((await res.json()).teamsSkipped).toEqual([]);
    const team = await db().team.findUniqueOrThrow({ where: { name: "allowed-team" } });
    const c = await db().cluster.findUniqueOrThrow({ where: { name: "scoped-teams-ok" } });
    const w = await db().workload.findFirstOrThrow({ where: { snapshotId: c.currentSnapshotId!, key: "Deployment/shop/api" } });
    expect(w.teamId).toBe(team.id);
  });

  it("an unscoped token (as made before) posts alerts and inventories for any cluster", async () => {
    const t = await mint({ name: "legacy-like", role: "ingest", allowTeams: true });
    expect((await postAlerts(t.secret, "scoped-any-1", "p3")).status).toBe(202);
    expect((await postInventory(t.secret, "scoped-any-2", SHOP_YAML("legacy-team"))).status).toBe(200);
  });
});
