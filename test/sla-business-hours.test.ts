// SLA clocks in a team's working time, on a real PostgreSQL: the due time walks the team's working
// days in its time zone (nights, weekends and a DST change included); a team without working hours
// counts around the clock; a manager sets and clears the hours, audited, and a bad value is named.
import { beforeAll, describe, expect, it } from "vitest";
import * as teamRoute from "../app/api/v1/teams/[id]/route";
import * as incidentsRoute from "../app/api/v1/incidents/route";
import { apiRequest, makeTeam, makeToken, noParams, params } from "./fixtures";
import { db } from "../lib/db/client";

const BERLIN = { timeZone: "Europe/Berlin", workdays: [1, 2, 3, 4, 5], dayStart: "09:00", dayEnd: "17:00" };
const due = async (startIso: string, minutes: number, tz = "Europe/Berlin", workdays = [1, 2, 3, 4, 5], from = 540, to = 1020) => {
  const rows = await db().$queryRaw<{ d: Date | null }[]>`SELECT sla_business_due(${new Date(startIso)}::timestamptz, ${minutes}::float8, ${tz}, ${workdays}::int[], ${from}::int, ${to}::int) AS d`;
  return rows[0].d?.toISOString() ?? null;
};

describe("sla_business_due", () => {
  it("counts working minutes only, in the team's time zone", async () => {
    // Friday 27 Nov 2026 16:30 in Berlin (CET, UTC+1): 30 minutes on Friday, 30 on Monday from 09:00
    expect(await due("2026-11-27T15:30:00Z", 60)).toBe("2026-11-30T08:30:00.000Z");
    // Saturday: nothing counts until Monday 09:00
    expect(await due("2026-11-28T10:00:00Z", 15)).toBe("2026-11-30T08:15:00.000Z");
    // before the working day starts: from 09:00 the same day
    expect(await due("2026-12-01T05:00:00Z", 15)).toBe("2026-12-01T08:15:00.000Z");
    // eight hours from Tuesday 10:00: seven on Tuesday, the last one on Wednesday from 09:00
    expect(await due("2026-12-01T09:00:00Z", 8 * 60)).toBe("2026-12-02T09:00:00.000Z");
    // over the change to summer time: Friday 27 March 16:00 CET, one hour that day, one on Monday (CEST, UTC+2)
    expect(await due("2026-03-27T15:00:00Z", 120)).toBe("2026-03-30T08:00:00.000Z");
    // no working day at all: no due time rather than a loop
    expect(await due("2026-12-01T09:00:00Z", 15, "Europe/Berlin", [])).toBeNull();
    // another zone: New York, 09:00–17:00 local (UTC−5 in December)
    expect(await due("2026-12-04T21:30:00Z", 60, "America/New_York")).toBe("2026-12-07T14:30:00.000Z");
  });
});

describe("a team's working hours for its SLA clocks", () => {
  let manager: string;
  let analyst: string;
  let cluster: string;
  const ids: Record<string, string> = {};
  const teams: Record<string, { id: string; name: string }> = {};

  beforeAll(async () => {
    manager = (await makeToken("manager")).secret;
    analyst = (await makeToken("analyst")).secret;
    teams.office = await makeTeam();
    teams.always = await makeTeam();
    cluster = `slah-${Date.now().toString(36)}`;
    const c = await db().cluster.create({ data: { name: cluster } });
    // both opened Friday 27 Nov 2026 16:50 Berlin time, critical tier (acknowledge within 15 min), still new
    for (const [k, team] of Object.entries(teams)) {
      const row = await db().incident.create({
        data: {
          clusterId: c.id,
          workloadKey: `Deployment/slah/${k}`,
          workloadKind: "Deployment",
          namespace: "slah",
          workloadName: k,
          teamId: team.id,
          title: "Terminal shell in container",
          severity: "warning",
          severityRank: 4,
          status: "new",
          tier: "critical",
          firstSeen: new Date("2026-11-27T15:50:00Z"),
          lastSeen: new Date("2026-11-27T15:50:00Z"),
        },
      });
      ids[k] = row.id;
    }
  });

  const patch = (id: string, body: unknown) => teamRoute.PATCH(apiRequest(`/api/v1/teams/${id}`, { method: "PATCH", token: manager, body }), params({ id }));
  const dueAt = async () => {
    const res = await incidentsRoute.GET(apiRequest(`/api/v1/incidents?cluster=${cluster}&status=new`, { token: analyst }), noParams);
    const items: { id: string; sla: { dueAt: string; clock: string } | null }[] = (await res.json()).items;
    return Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, items.find((i) => i.id === id)?.sla?.dueAt]));
  };

  it("moves the running clock's due time into working time, for that team only, audited", async () => {
    expect(await dueAt()).toEqual({ office: "2026-11-27T16:05:00.000Z", always: "2026-11-27T16:05:00.000Z" });
    const res = await patch(teams.office.id, { slaHours: BERLIN });
    expect(res.status).toBe(200);
    // 10 minutes left on Friday (16:50–17:00), 5 on Monday from 09:00 CET
    expect(await dueAt()).toEqual({ office: "2026-11-30T08:05:00.000Z", always: "2026-11-27T16:05:00.000Z" });
    const audit = await db().auditLog.findFirst({ where: { targetId: teams.office.id, action: "team.update" }, orderBy: { id: "desc" } });
    expect(audit?.details).toMatchObject({ slaHours: { from: null, to: BERLIN } });
  });

  it("names what is wrong with bad hours, and clears them with null", async () => {
    const cases: [unknown, string][] = [
      [{ ...BERLIN, timeZone: "Mars/Olympus" }, "timeZone"],
      [{ ...BERLIN, dayStart: "18:00" }, "dayEnd"],
      [{ ...BERLIN, dayStart: "9am" }, "dayStart"],
      [{ ...BERLIN, workdays: [] }, "workdays"],
      [{ ...BERLIN, workdays: [0] }, "workdays"],
    ];
    for (const [slaHours, field] of cases) {
      const res = await patch(teams.office.id, { slaHours });
      expect(res.status, JSON.stringify(slaHours)).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    expect((await patch(teams.office.id, { slaHours: null })).status).toBe(200);
    expect((await dueAt()).office).toBe("2026-11-27T16:05:00.000Z");
  });
});
