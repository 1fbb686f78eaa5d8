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

const event = (rule: string, ns: string, pod: string, minute: number) =>
  makeFalcoEvent(falcoRule(rule), { time: new Date(Date.UTC(2026, 10, 23, 8, minute)), hostname: "node-a", namespace: ns, pod, container: "c", image: "i:1" });

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

describe("PATCH /api/v1/incidents/{id}", () => {
  it("lets an analyst assign, investigate, contain and resolve, keeping MTTx timestamps and an audit trail", async () => {
    const me = await makeUser("analyst");
    expect((await patch(analyst, shopIncident, { assigneeId: me.id, status: "investigating" })).status).toBe(200);
    expect((await patch(analyst, shopIncident, { status: "contained", comment: "pod isolated" })).status).toBe(200);
    const res = await patch(analyst, shopIncident, { status: "resolved" });
    const body = await res.json();
    expect(body).toMatchObject({ status: "resolved", assignee: { id: me.id } });
    expect(body.acknowledgedAt && body.containedAt && body.resolvedAt).toBeTruthy();
    const audit = await db().auditLog.findMany({ where: { targetType: "incident", targetId: shopIncident }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["incident.status", "incident.assign", "incident.status", "incident.comment", "incident.status"]);
    expect(audit[0].details).toEqual({ from: "new", to: "investigating" });
  });

  it("refuses a return to new, a false positive without a reason, and roles that may not", async () => {
    expect((await patch(analyst, shopIncident, { status: "new" })).status).toBe(400);
    const fp = await patch(analyst, webIncident, { status: "false_positive" });
    expect(fp.status).toBe(400);
    expect((await fp.json()).error.message).toMatch(/reason/);
    expect((await patch(analyst, webIncident, { status: "false_positive", disposition: { verdict: "false_positive", reason: "nginx reload" } })).status).toBe(200);
    expect((await patch(manager, shopIncident, { status: "investigating" })).status).toBe(403);
    expect((await patch(manager, shopIncident, { comment: "who owns this?" })).status).toBe(200);
  });

  it("lets a developer acknowledge their team's incident with a comment, and nothing more", async () => {
    expect((await patch(devIn, shopIncident, { status: "acknowledged" })).status).toBe(400);
    expect((await patch(devIn, shopIncident, { status: "acknowledged", comment: "expected: our migration job" })).status).toBe(200);
    expect((await patch(devIn, shopIncident, { status: "contained" })).status).toBe(403);
    expect((await patch(devIn, shopIncident, { assigneeId: null })).status).toBe(403);
  });
});

describe("POST /api/v1/incidents/{id}/merge", () => {
  it("moves the alerts, resolves both ids to the survivor, and audits both", async () => {
    const merge = await import("../app/api/v1/incidents/[id]/merge/route");
    const call = (token: string, id: string, other: string) =>
      merge.POST(apiRequest(`/api/v1/incidents/${id}/merge`, { method: "POST", token, body: { incidentId: other } }), params({ id }));
    expect((await call(manager, shopIncident, webIncident)).status).toBe(403);
    const res = await call(analyst, shopIncident, webIncident);
    expect(res.status).toBe(200);
    expect((await res.json()).alertCount).toBe(2);
    const viaOld = await (await getOne(analyst, webIncident)).json();
    expect(viaOld.id).toBe(shopIncident);
    expect(viaOld.alerts).toHaveLength(2);
    const listed = (await getList(analyst, "?cluster=queue")).body.items.map((i: { id: string }) => i.id);
    expect(listed).not.toContain(webIncident);
    const audit = await db().auditLog.findMany({ where: { targetType: "incident", action: { in: ["incident.merge", "incident.merged_into"] } } });
    expect(audit.map((a) => a.targetId).sort()).toEqual([shopIncident, webIncident].sort());
    expect((await call(analyst, shopIncident, shopIncident)).status).toBe(400);
  });
});

describe("GET /api/v1/metrics/response", () => {
  it("gives MTTA/MTTC/MTTR per team and per tier from the incidents' timestamps", async () => {
    const metrics = await import("../app/api/v1/metrics/response/route");
    const get = async (q: string) => (await metrics.GET(apiRequest(`/api/v1/metrics/response${q}`, { token: manager }), noParams)).json();
    const byTeam = await get("?groupBy=team&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
    const team = byTeam.groups.find((g: { group: string }) => g.group === "queue-team");
    expect(team.incidents).toBeGreaterThanOrEqual(1);
    // Resolved, then reopened by the developer's acknowledgement above: contained stays, resolution is cleared.
    expect(team).toMatchObject({ acknowledged: 1, contained: 1, resolved: 0, mttrMinutes: null });
    expect(team.mttaMinutes).toBeGreaterThan(0);
    expect(team.mttcMinutes).toBeGreaterThanOrEqual(team.mttaMinutes);
    const byTier = await get("?groupBy=tier&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
    expect(byTier.groups.map((g: { group: string }) => g.group)).toContain("critical");
    const bad = await metrics.GET(apiRequest("/api/v1/metrics/response?groupBy=color", { token: manager }), noParams);
    expect(bad.status).toBe(400);
  });
});
