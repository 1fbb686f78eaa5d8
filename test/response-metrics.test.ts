// GET /api/v1/metrics/response on a real PostgreSQL: medians and p90s of MTTA / MTTC / MTTR from
// stored timestamps, per team and per tier and per ISO week; false positives timed apart; open
// incidents counted; a developer sees their own teams only. Incidents are seeded in March 2019,
// a period no other test writes, with timestamps chosen so every expected figure is stated here.
import { beforeAll, describe, expect, it } from "vitest";
import * as metrics from "../app/api/v1/metrics/response/route";
import { apiRequest, makeTeam, makeToken, noParams } from "./fixtures";
import { db } from "../lib/db/client";

const MIN = 60_000;
const WEEK1 = Date.UTC(2019, 2, 4, 9, 0); // Monday 4 March 2019
const WEEK2 = Date.UTC(2019, 2, 11, 9, 0); // Monday 11 March 2019
let manager: string;
let teamA: { id: string; name: string };
let teamB: { id: string; name: string };

async function seed(clusterId: string, teamId: string, n: number, at: number, tier: string, t: { ack?: number; contain?: number; resolve?: number; status: string }) {
  await db().incident.create({
    data: {
      clusterId,
      workloadKey: `Deployment/rt/w${n}`,
      workloadKind: "Deployment",
      namespace: "rt",
      workloadName: `w${n}`,
      teamId,
      title: "seeded",
      severity: "warning",
      severityRank: 4,
      status: t.status,
      tier,
      firstSeen: new Date(at),
      lastSeen: new Date(at),
      acknowledgedAt: t.ack === undefined ? null : new Date(at + t.ack * MIN),
      containedAt: t.contain === undefined ? null : new Date(at + t.contain * MIN),
      resolvedAt: t.resolve === undefined ? null : new Date(at + t.resolve * MIN),
    },
  });
}

beforeAll(async () => {
  manager = (await makeToken("manager")).secret;
  teamA = await makeTeam();
  teamB = await makeTeam();
  const cluster = await db().cluster.create({ data: { name: `rt-${Date.now()}` } });
  // team A, critical tier: TTA 10, 20, 30 (week 1) and 40, 50 (week 2); two resolved, one contained only
  await seed(cluster.id, teamA.id, 1, WEEK1, "critical", { ack: 10, contain: 60, resolve: 100, status: "resolved" });
  await seed(cluster.id, teamA.id, 2, WEEK1 + 60 * MIN, "critical", { ack: 20, contain: 90, resolve: 200, status: "resolved" });
  await seed(cluster.id, teamA.id, 3, WEEK1 + 120 * MIN, "critical", { ack: 30, contain: 120, status: "contained" });
  await seed(cluster.id, teamA.id, 4, WEEK2, "critical", { ack: 40, status: "acknowledged" });
  await seed(cluster.id, teamA.id, 5, WEEK2 + 60 * MIN, "critical", { ack: 50, status: "investigating" });
  // team A: one still new (open, untimed) and one false positive marked after 5 minutes
  await seed(cluster.id, teamA.id, 6, WEEK2 + 120 * MIN, "high", { status: "new" });
  await seed(cluster.id, teamA.id, 7, WEEK2 + 180 * MIN, "other", { ack: 5, resolve: 5, status: "false_positive" });
  // team B: one high-tier incident acknowledged after 7 minutes
  await seed(cluster.id, teamB.id, 8, WEEK1, "high", { ack: 7, status: "acknowledged" });
});

const PERIOD = "from=2019-03-04&to=2019-03-18";
const get = async (token: string, q: string) => {
  const res = await metrics.GET(apiRequest(`/api/v1/metrics/response?${q}`, { token }), noParams);
  return { status: res.status, body: await res.json() };
};

describe("GET /api/v1/metrics/response", () => {
  it("gives median and p90 with counts per team, false positives apart, open incidents counted", async () => {
    const { status, body } = await get(manager, `groupBy=team&${PERIOD}`);
    expect(status).toBe(200);
    const a = body.groups.find((g: { group: string }) => g.group === teamA.name);
    expect(a).toMatchObject({
      count: 7,
      open: 4, // contained, acknowledged, investigating, new
      falsePositives: 1,
      // TTA 10..50: median 30; p90 = 40 + 0.6 × (50 − 40) = 46
      mtta: { median: 30, p90: 46, n: 5 },
      // TTC 60, 90, 120: median 90; p90 = 90 + 0.8 × 30 = 114
      mttc: { median: 90, p90: 114, n: 3 },
      // TTR 100, 200: median 150; p90 = 100 + 0.9 × 100 = 190
      mttr: { median: 150, p90: 190, n: 2 },
      falsePositiveTime: { median: 5, p90: 5, n: 1 },
    });
    expect(a.weeks).toEqual([
      { week: "2019-03-04", count: 3, mtta: { median: 20, p90: 28, n: 3 }, mttc: { median: 90, p90: 114, n: 3 }, mttr: { median: 150, p90: 190, n: 2 } },
      { week: "2019-03-11", count: 4, mtta: { median: 45, p90: 49, n: 2 }, mttc: { median: null, p90: null, n: 0 }, mttr: { median: null, p90: null, n: 0 } },
    ]);
    expect(body.groups.find((g: { group: string }) => g.group === teamB.name)).toMatchObject({ count: 1, open: 1, mtta: { median: 7, p90: 7, n: 1 } });
  });

  it("groups by the tier written at open, in tier order", async () => {
    const { body } = await get(manager, `groupBy=tier&${PERIOD}`);
    expect(body.groups.map((g: { group: string }) => g.group)).toEqual(["critical", "high", "other"]);
    const [critical, high, other] = body.groups;
    expect(critical).toMatchObject({ count: 5, open: 3, mtta: { median: 30, p90: 46, n: 5 } });
    expect(high).toMatchObject({ count: 2, open: 2, mtta: { median: 7, p90: 7, n: 1 } });
    expect(other).toMatchObject({ count: 1, open: 0, falsePositives: 1, mtta: { n: 0 } });
  });

  it("narrows a developer to their own teams, and names a bad parameter", async () => {
    const dev = (await makeToken("developer", { teamIds: [teamB.id] })).secret;
    const { body } = await get(dev, `groupBy=team&${PERIOD}`);
    expect(body.groups.map((g: { group: string }) => g.group)).toEqual([teamB.name]);
    const bad = await get(manager, "groupBy=color");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("groupBy");
    const backwards = await get(manager, "from=2019-03-18&to=2019-03-04");
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain("from");
  });

  it("answers from its cache only while what the figures are computed from is unchanged", async () => {
    const version = async () => (await db().$queryRaw<{ v: bigint }[]>`SELECT last_value AS v FROM incident_response_version`)[0].v;
    const teamBmtta = async () => (await get(manager, `groupBy=team&${PERIOD}`)).body.groups.find((g: { group: string }) => g.group === teamB.name).mtta;
    expect(await teamBmtta()).toMatchObject({ median: 7, n: 1 });
    const b = await db().incident.findFirstOrThrow({ where: { teamId: teamB.id } });
    // what ingest changes all day (last seen, count) moves nothing
    const before = await version();
    await db().incident.update({ where: { id: b.id }, data: { lastSeen: new Date(WEEK1 + 99 * MIN), alertCount: { increment: 1 } } });
    expect(await version()).toBe(before);
    // a triage time does: the next answer is computed again
    await db().incident.update({ where: { id: b.id }, data: { acknowledgedAt: new Date(WEEK1 + 9 * MIN) } });
    expect(await version()).toBeGreaterThan(before);
    expect(await teamBmtta()).toMatchObject({ median: 9, n: 1 });
  });
});
