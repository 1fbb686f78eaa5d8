// SLAs on a real PostgreSQL: the running clock of each open incident (acknowledge, then contain),
// breached and at-risk lists, the queue's SLA filter and column, and breaches recorded once when
// they happen with the target then in force — unchanged after the target changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sla from "../app/api/v1/sla/route";
import * as targets from "../app/api/v1/sla/targets/route";
import * as list from "../app/api/v1/incidents/route";
import { sweepSlaBreaches } from "../lib/db/sla";
import { apiRequest, makeTeam, makeToken, noParams } from "./fixtures";
import { db } from "../lib/db/client";

const MIN = 60_000;
let manager: string;
let dev: string;
const ids: Record<string, string> = {};

async function seed(name: string, minutesAgo: number, t: { ack?: number; contain?: number; resolve?: number; status: string }, teamId: string, clusterId: string) {
  const first = Date.now() - minutesAgo * MIN;
  const row = await db().incident.create({
    data: {
      clusterId,
      workloadKey: `Deployment/sla/${name}`,
      workloadKind: "Deployment",
      namespace: "sla",
      workloadName: name,
      teamId,
      title: `sla ${name}`,
      severity: "warning",
      severityRank: 4,
      status: t.status,
      tier: "critical",
      firstSeen: new Date(first),
      lastSeen: new Date(first),
      acknowledgedAt: t.ack === undefined ? null : new Date(first + t.ack * MIN),
      containedAt: t.contain === undefined ? null : new Date(first + t.contain * MIN),
      resolvedAt: t.resolve === undefined ? null : new Date(first + t.resolve * MIN),
    },
  });
  ids[name] = row.id;
}

beforeAll(async () => {
  manager = (await makeToken("manager")).secret;
  const team = await makeTeam();
  dev = (await makeToken("developer", { teamIds: [team.id] })).secret;
  const cluster = await db().cluster.create({ data: { name: `sla-${Date.now()}` } });
  // critical tier: acknowledge within 15 min, contain within 60 (the defaults)
  await seed("late-ack", 20, { status: "new" }, team.id, cluster.id); // 20 of 15 min: breached
  await seed("near-ack", 13, { status: "new" }, team.id, cluster.id); // 13 of 15 (87 %): at risk
  await seed("fresh", 5, { status: "new" }, team.id, cluster.id); // 5 of 15: ok
  await seed("near-contain", 55, { ack: 10, status: "investigating" }, team.id, cluster.id); // contain clock, 55 of 60: at risk
  await seed("contained", 90, { ack: 5, contain: 30, status: "contained" }, team.id, cluster.id); // no clock
  await seed("acked-late", 180, { ack: 30, contain: 40, resolve: 50, status: "resolved" }, team.id, cluster.id); // closed, acknowledged late
});

afterAll(async () => {
  await targets.PUT(apiRequest("/api/v1/sla/targets", { method: "PUT", token: manager, body: { targets: [{ tier: "critical", acknowledgeMinutes: 15, containMinutes: 60 }] } }), noParams);
});

const getSla = async (token: string) => (await sla.GET(apiRequest("/api/v1/sla", { token }), noParams)).json();

describe("SLA", () => {
  it("lists breached and at-risk incidents by their running clock, with time left or overdue", async () => {
    const body = await getSla(dev);
    expect(body.targets.find((t: { tier: string }) => t.tier === "critical")).toMatchObject({ acknowledgeMinutes: 15, containMinutes: 60 });
    expect(body.breached.map((b: { id: string }) => b.id)).toEqual([ids["late-ack"]]);
    expect(body.breached[0]).toMatchObject({ clock: "acknowledge", targetMinutes: 15 });
    expect(body.breached[0].minutesLeft).toBeLessThan(-4);
    expect(body.atRisk.map((b: { id: string }) => b.id).sort()).toEqual([ids["near-ack"], ids["near-contain"]].sort());
    expect(body.atRisk.find((b: { id: string }) => b.id === ids["near-contain"])).toMatchObject({ clock: "contain", targetMinutes: 60 });
  });

  it("filters the queue by SLA and shows each open incident's clock", async () => {
    const get = async (q: string) => {
      const body = await (await list.GET(apiRequest(`/api/v1/incidents?${q}`, { token: dev }), noParams)).json();
      if (!body.items) throw new Error(JSON.stringify(body));
      return body.items;
    };
    expect((await get("sla=breached")).map((i: { id: string }) => i.id)).toEqual([ids["late-ack"]]);
    expect((await get("sla=at-risk")).map((i: { id: string }) => i.id).sort()).toEqual([ids["near-ack"], ids["near-contain"]].sort());
    const all = await get("limit=200");
    const byId = new Map(all.map((i: { id: string; sla: unknown }) => [i.id, i.sla]));
    expect(byId.get(ids["late-ack"])).toMatchObject({ clock: "acknowledge", state: "breached", targetMinutes: 15 });
    expect(byId.get(ids["fresh"])).toMatchObject({ clock: "acknowledge", state: "ok" });
    expect(byId.get(ids["contained"])).toBeNull();
    expect(byId.get(ids["acked-late"])).toBeNull();
    const bad = await list.GET(apiRequest("/api/v1/incidents?sla=soon", { token: dev }), noParams);
    expect(bad.status).toBe(400);
  });

  it("records each breach once when it happens, audited, and keeps its target after the target changes", async () => {
    await sweepSlaBreaches();
    const mine = async () => db().slaBreach.findMany({ where: { incidentId: { in: Object.values(ids) } }, orderBy: { incidentId: "asc" } });
    const first = await mine();
    expect(first.map((b) => [Object.keys(ids).find((k) => ids[k] === b.incidentId), b.kind, b.targetMinutes]).sort()).toEqual([
      ["acked-late", "acknowledge", 15],
      ["late-ack", "acknowledge", 15],
    ]);
    expect(await db().auditLog.count({ where: { targetId: ids["late-ack"], action: "incident.sla_breach" } })).toBe(1);

    const put = await targets.PUT(
      apiRequest("/api/v1/sla/targets", { method: "PUT", token: manager, body: { targets: [{ tier: "critical", acknowledgeMinutes: 60, containMinutes: 120 }] } }),
      noParams,
    );
    expect(put.status).toBe(200);
    await sweepSlaBreaches();
    const after = await mine();
    expect(after.map((b) => b.targetMinutes)).toEqual(first.map((b) => b.targetMinutes));
    expect(after).toHaveLength(2);
    // the running clocks follow the new target: nothing is breached now
    expect((await getSla(dev)).breached).toEqual([]);
    expect(await db().auditLog.count({ where: { action: "sla.targets" } })).toBeGreaterThan(0);
  });

  it("lets only managers and admins set targets, and names a bad one", async () => {
    const analyst = (await makeToken("analyst")).secret;
    const body = { targets: [{ tier: "high", acknowledgeMinutes: 30, containMinutes: 60 }] };
    expect((await targets.PUT(apiRequest("/api/v1/sla/targets", { method: "PUT", token: analyst, body }), noParams)).status).toBe(403);
    const bad = await targets.PUT(
      apiRequest("/api/v1/sla/targets", { method: "PUT", token: manager, body: { targets: [{ tier: "high", acknowledgeMinutes: 90, containMinutes: 60 }] } }),
      noParams,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("containMinutes");
  });
});
