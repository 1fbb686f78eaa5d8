// GET/PATCH /api/v1/incidents on a real PostgreSQL: queue order and filters, team scoping
// (404 for another team), the graph at alert time, triage rules and their audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import * as list from "../app/api/v1/incidents/route";
import * as one from "../app/api/v1/incidents/[id]/route";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeToken, makeUser, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

let admin: string;
let analyst: string;
let manager: string;
let devIn: string;
let devOut: string;
let shopIncident: string;
let webIncident: string;

const event = (rule: string, ns: string, pod: string, minute: number, hostname = "node-a") =>
  makeFalcoEvent(falcoRule(rule), { time: new Date(Date.UTC(2026, 10, 23, 8, minute)), hostname, namespace: ns, pod, container: "c", image: "i:1" });

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  manager = (await makeToken("manager")).secret;
  await inventory.POST(apiRequest("/api/v1/inventory?cluster=queue", { method: "POST", token: admin, rawBody: SHOP_YAML("queue-team"), headers: { "content-type": "application/yaml" } }), noParams);
  const body = JSON.stringify([
    event("Terminal shell in container", "shop", "api-7d9f-x1", 0),
    // A critical alert on a harmless pod must rank below a notice on the risky workload.
    event("Drop and execute new binary in container", "web", "static-web", 1),
  ]);
  const res = await alertsRoute.POST(apiRequest("/api/v1/alerts/falco?cluster=queue", { method: "POST", token: admin, rawBody: body }), params({ source: "falco" }));
  expect(res.status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "queue" } });
  const incidents = await db().incident.findMany({ where: { clusterId: cluster.id } });
  shopIncident = incidents.find((i) => i.workloadKey === "Deployment/shop/api")!.id;
  webIncident = incidents.find((i) => i.workloadKey === "Pod/web/static-web")!.id;
  const team = await db().team.findUniqueOrThrow({ where: { name: "queue-team" } });
  const other = await db().team.create({ data: { name: `other-${Date.now()}`, displayName: "Other" } });
  devIn = (await makeToken("developer", { teamIds: [team.id] })).secret;
  devOut = (await makeToken("developer", { teamIds: [other.id] })).secret;
});

const getList = async (token: string, q = "") => {
  const res = await list.GET(apiRequest(`/api/v1/incidents${q}`, { token }), noParams);
  return { status: res.status, body: await res.json() };
};
const getOne = (token: string, id: string, q = "") => one.GET(apiRequest(`/api/v1/incidents/${id}${q}`, { token }), params({ id }));
const patch = (token: string, id: string, body: unknown) => one.PATCH(apiRequest(`/api/v1/incidents/${id}`, { method: "PATCH", token, body }), params({ id }));

describe("GET /api/v1/incidents", () => {
  it("ranks by score, not by severity, with the contract's fields", async () => {
    const { body } = await getList(analyst, "?cluster=queue");
    const ids = body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(shopIncident)).toBeLessThan(ids.indexOf(webIncident));
    const top = body.items.find((i: { id: string }) => i.id === shopIncident);
    expect(top).toMatchObject({
      status: "new",
      cluster: "queue",
      namespace: "shop",
      workload: { id: "Deployment/shop/api", kind: "Deployment", namespace: "shop", name: "api" },
      team: "queue-team",
      assignee: null,
      alertCount: 1,
    });
    expect(top.reachable[0]).toMatchObject({ asset: "Secret/shop/db-password", sensitivity: "critical" });
    expect(Date.parse(top.firstSeen)).not.toBeNaN();
  });

  it("filters, pages with a cursor, and names a bad filter", async () => {
    const crit = await getList(analyst, "?cluster=queue&reachesCritical=true");
    expect(crit.body.items.map((i: { id: string }) => i.id)).toEqual([shopIncident]);
    const q = await getList(analyst, "?cluster=queue&q=binary");
    expect(q.body.items.map((i: { id: string }) => i.id)).toEqual([webIncident]);
    const page1 = await getList(analyst, "?cluster=queue&limit=1");
    const page2 = await getList(analyst, `?cluster=queue&limit=1&cursor=${page1.body.nextCursor}`);
    expect([page1.body.items[0].id, page2.body.items[0].id]).toEqual([shopIncident, webIncident]);
    const bad = await getList(analyst, "?status=open");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/query\.status/);
  });

  it("shows developers only their teams' incidents, and 404 on another team's", async () => {
    const mine = await getList(devIn, "?cluster=queue");
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([shopIncident]);
    expect((await getList(devOut, "?cluster=queue")).body.items).toEqual([]);
    expect((await getOne(devOut, shopIncident)).status).toBe(404);
    expect((await patch(devOut, shopIncident, { comment: "hi" })).status).toBe(404);
  });
});

describe("GET /api/v1/incidents/{id}", () => {
  it("returns alerts and the graph of the workload's paths, by default as at the first alert", async () => {
    const res = await getOne(analyst, shopIncident);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.alerts).toHaveLength(1);
    expect(body.snapshot.which).toBe("alert");
    const ids = body.graph.nodes.map((n: { id: string }) => n.id);
    expect(ids).toEqual(expect.arrayContaining(["Deployment/shop/api", "Pod/shop/api-7d9f-x1", "Secret/shop/db-password"]));
    const read = body.graph.edges.find((e: { edge: string }) => e.edge === "SECRET_READ");
    expect(read).toMatchObject({ to: "Secret/shop/db-password" });
    expect(read.mitre).toMatch(/^T\d{4}/);
    expect(read.remediation.length).toBeGreaterThan(10);
    expect(body.paths[0].path.length).toBeGreaterThan(0);
    const latest = await (await getOne(analyst, shopIncident, "?snapshot=latest")).json();
    expect(latest.snapshot.which).toBe("latest");
  });
});

/** A cluster of its own with a team, the shop incident (risky workload) and the web one (harmless pod). */
async function freshIncidents(name: string) {
  const up = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${name}`, { method: "POST", token: admin, rawBody: SHOP_YAML(`${name}-team`), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(up.status).toBe(200);
  // (dedupe keys carry no cluster yet: another hostname keeps these events apart from other tests')
  const body = JSON.stringify([event("Terminal shell in container", "shop", "api-7d9f-x1", 0, `${name}-node`), event("Drop and execute new binary in container", "web", "static-web", 1, `${name}-node`)]);
  const res = await alertsRoute.POST(apiRequest(`/api/v1/alerts/falco?cluster=${name}`, { method: "POST", token: admin, rawBody: body }), params({ source: "falco" }));
  expect((await res.json()).accepted).toBe(2);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name } });
  const incidents = await db().incident.findMany({ where: { clusterId: cluster.id } });
  const team = await db().team.findUniqueOrThrow({ where: { name: `${name}-team` } });
  return {
    shop: incidents.find((i) => i.workloadKey === "Deployment/shop/api")!.id,
    web: incidents.find((i) => i.workloadKey === "Pod/web/static-web")!.id,
    dev: (await makeToken("developer", { teamIds: [team.id] })).secret,
    team: `${name}-team`,
  };
}

describe("PATCH /api/v1/incidents/{id}", () => {
  it("lets an analyst assign, investigate, contain and resolve, keeping MTTx timestamps and an audit trail", async () => {
    const { shop } = await freshIncidents("patch-flow");
    const me = await makeUser("analyst");
    expect((await patch(analyst, shop, { assigneeId: me.id, status: "investigating" })).status).toBe(200);
    expect((await patch(analyst, shop, { status: "contained", comment: "pod isolated" })).status).toBe(200);
    const res = await patch(analyst, shop, { status: "resolved" });
    const body = await res.json();
    expect(body).toMatchObject({ status: "resolved", assignee: { id: me.id } });
    expect(body.acknowledgedAt && body.containedAt && body.resolvedAt).toBeTruthy();
    const audit = await db().auditLog.findMany({ where: { targetType: "incident", targetId: shop }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["incident.status", "incident.assign", "incident.status", "incident.comment", "incident.status"]);
    expect(audit[0].details).toEqual({ from: "new", to: "investigating" });
  });

  it("refuses a return to new, a false positive without a reason, and roles that may not", async () => {
    const { shop, web } = await freshIncidents("patch-refusals");
    expect((await patch(analyst, shop, { status: "investigating" })).status).toBe(200);
    expect((await patch(analyst, shop, { status: "new" })).status).toBe(400);
    const fp = await patch(analyst, web, { status: "false_positive" });
    expect(fp.status).toBe(400);
    expect((await fp.json()).error.message).toMatch(/reason/);
    expect((await patch(analyst, web, { status: "false_positive", disposition: { verdict: "false_positive", reason: "nginx reload" } })).status).toBe(200);
    expect((await patch(manager, shop, { status: "contained" })).status).toBe(403);
    expect((await patch(manager, shop, { comment: "who owns this?" })).status).toBe(200);
  });

  it("lets a developer acknowledge their team's new incident with a comment, and nothing more", async () => {
    const { shop, dev } = await freshIncidents("patch-dev");
    expect((await patch(dev, shop, { status: "acknowledged" })).status).toBe(400);
    expect((await patch(dev, shop, { status: "acknowledged", comment: "expected: our migration job" })).status).toBe(200);
    expect((await patch(dev, shop, { status: "contained" })).status).toBe(403);
    expect((await patch(dev, shop, { assigneeId: null })).status).toBe(403);
  });

  it("a developer's acknowledge never reopens or moves back an incident: only new → acknowledged", async () => {
    const { shop, web, dev } = await freshIncidents("patch-dev-reopen");
    expect((await patch(analyst, shop, { status: "resolved" })).status).toBe(200);
    const reopen = await patch(dev, shop, { status: "acknowledged", comment: "we looked" });
    expect(reopen.status).toBe(409);
    expect((await reopen.json()).error.message).toMatch(/only a new incident can be acknowledged/);
    expect((await db().incident.findUniqueOrThrow({ where: { id: shop } })).status).toBe("resolved");
    expect((await patch(analyst, web, { status: "contained" })).status).toBe(200);
    expect((await patch(dev, web, { status: "acknowledged", comment: "ours" })).status).toBe(404); // web is not the developer's team
    // an analyst may still move any incident back to acknowledged
    expect((await patch(analyst, web, { status: "acknowledged" })).status).toBe(200);
  });
});

describe("POST /api/v1/incidents/{id}/merge", () => {
  const call = async (token: string, id: string, other: string, extra: Record<string, unknown> = {}) => {
    const merge = await import("../app/api/v1/incidents/[id]/merge/route");
    return merge.POST(apiRequest(`/api/v1/incidents/${id}/merge`, { method: "POST", token, body: { incidentId: other, ...extra } }), params({ id }));
  };

  it("moves the alerts, resolves both ids to the survivor, and audits both", async () => {
    const { shop, web } = await freshIncidents("merge-flow");
    // the two incidents belong to different teams (web is unowned): only an admin may force it
    expect((await call(manager, shop, web)).status).toBe(403);
    const refused = await call(analyst, shop, web);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/different teams/);
    expect((await call(admin, shop, web)).status).toBe(409);
    const res = await call(admin, shop, web, { force: true });
    expect(res.status).toBe(200);
    expect((await res.json()).alertCount).toBe(2);
    const viaOld = await (await getOne(analyst, web)).json();
    expect(viaOld.id).toBe(shop);
    expect(viaOld.alerts).toHaveLength(2);
    const listed = (await getList(analyst, "?cluster=merge-flow")).body.items.map((i: { id: string }) => i.id);
    expect(listed).not.toContain(web);
    const audit = await db().auditLog.findMany({ where: { targetType: "incident", targetId: { in: [shop, web] }, action: { in: ["incident.merge", "incident.merged_into"] } } });
    expect(audit.map((a) => a.targetId).sort()).toEqual([shop, web].sort());
    expect((await call(analyst, shop, shop)).status).toBe(400);
  });

  it("two opposite merges at once: one wins, the other is refused, and neither incident is hidden", async () => {
    const { shop, web } = await freshIncidents("merge-race");
    // same team for both, so the analyst may merge them
    const shopRow = await db().incident.findUniqueOrThrow({ where: { id: shop } });
    await db().incident.update({ where: { id: web }, data: { teamId: shopRow.teamId } });
    const { lockWorkloadKeys } = await import("../lib/db/incident-writes");
    const pg = (await import("pg")).default;
    const session = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await session.connect();
    await session.query("BEGIN");
    const rows = await session.query(`SELECT "clusterId", "workloadKey" FROM incidents WHERE id = ANY($1::text[])`, [[shop, web]]);
    await lockWorkloadKeys(session as never, rows.rows.map((r: { clusterId: string; workloadKey: string }) => `${r.clusterId}|${r.workloadKey}`));
    try {
      const first = call(analyst, shop, web);
      const second = call(analyst, web, shop);
      for (let i = 0; i < 200; i++) {
        await session.query("SELECT pg_stat_clear_snapshot()");
        const waiting = await session.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (waiting.rows[0].n >= 2) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await session.query("COMMIT");
      const statuses = [(await first).status, (await second).status].sort();
      expect(statuses).toEqual([200, 409]);
    } finally {
      await session.end();
    }
    const after = await db().incident.findMany({ where: { id: { in: [shop, web] } } });
    expect(after.filter((i) => i.mergedIntoId === null)).toHaveLength(1);
    const survivor = after.find((i) => i.mergedIntoId === null)!;
    expect(survivor.alertCount).toBe(2);
  });
});

describe("incident tier", () => {
  it("is written when the incident opens, from its workload's reach (critical asset at cost ≤ 3), and kept by later scoring", async () => {
    const { shop, web } = await freshIncidents("tier-at-open");
    const rows = await db().incident.findMany({ where: { id: { in: [shop, web] } }, select: { id: true, tier: true, scoreBreakdown: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const shopTiers = (byId.get(shop)!.scoreBreakdown as { tiers: { tier: string; count: number; nearestCost: number | null }[] }).tiers;
    expect(shopTiers.some((t) => t.tier === "critical" && t.count > 0 && t.nearestCost! <= 3)).toBe(true);
    expect(byId.get(shop)!.tier).toBe("critical");
    expect(byId.get(web)!.tier).toBe("other");
    // re-scoring on a new inventory moves the score, never the tier
    await db().incident.update({ where: { id: shop }, data: { tier: "high" } });
    const up = await inventory.POST(
      apiRequest(`/api/v1/inventory?cluster=tier-at-open`, { method: "POST", token: admin, rawBody: SHOP_YAML("tier-at-open-team"), headers: { "content-type": "application/yaml" } }),
      noParams,
    );
    expect(up.status).toBe(200);
    expect((await db().incident.findUniqueOrThrow({ where: { id: shop } })).tier).toBe("high");
  });
});
