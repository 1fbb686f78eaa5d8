// The weekly review's reads on a real PostgreSQL: critical-tier incidents opened in the week (not
// before, not after, not another tier), breaches that fell due in it, and posture at its start and end.
import { beforeAll, describe, expect, it } from "vitest";
import { breachesDue, criticalIncidentsOpened, postureChanges } from "../lib/db/review";
import { reviewWeek } from "../lib/ownership/review-week";
import { db } from "../lib/db/client";

const week = reviewWeek("2018-06-06"); // Monday 4 June 2018 to Monday 11 June
const CLUSTER = `review-${Date.now().toString(36)}`;
let inWeek: string;

beforeAll(async () => {
  const cluster = await db().cluster.create({ data: { name: CLUSTER } });
  const make = (name: string, at: string, tier: string) =>
    db().incident.create({
      data: { clusterId: cluster.id, workloadKey: `Deployment/r/${name}`, workloadKind: "Deployment", namespace: "r", workloadName: name, title: name, severity: "warning", severityRank: 4, tier, firstSeen: new Date(at), lastSeen: new Date(at), mitreTactics: [] },
    });
  inWeek = (await make("in-week", "2018-06-05T10:00:00Z", "critical")).id;
  await make("before", "2018-06-03T23:59:00Z", "critical");
  await make("after", "2018-06-11T00:00:00Z", "critical");
  await make("high-in-week", "2018-06-06T10:00:00Z", "high");
  await db().slaBreach.create({ data: { id: `b-${inWeek}`, incidentId: inWeek, kind: "acknowledge", tier: "critical", targetMinutes: 15, dueAt: new Date("2018-06-05T10:15:00Z") } });
  await db().posturePoint.createMany({
    data: [
      { id: `p1-${CLUSTER}`, clusterId: cluster.id, at: new Date("2018-06-01T00:00:00Z"), figures: { privilegedContainers: 5, unownedWorkloads: 9 } },
      { id: `p2-${CLUSTER}`, clusterId: cluster.id, at: new Date("2018-06-08T00:00:00Z"), figures: { privilegedContainers: 3, unownedWorkloads: 9 } },
      { id: `p3-${CLUSTER}`, clusterId: cluster.id, at: new Date("2018-06-12T00:00:00Z"), figures: { privilegedContainers: 1, unownedWorkloads: 2 } },
    ],
  });
});

describe("weekly review", () => {
  it("lists the critical-tier incidents opened in the week and the breaches due in it", async () => {
    const opened = (await criticalIncidentsOpened(week.from, week.to)).filter((i) => i.cluster === CLUSTER);
    expect(opened.map((i) => i.title)).toEqual(["in-week"]);
    const breaches = (await breachesDue(week.from, week.to)).filter((b) => b.incidentId === inWeek);
    expect(breaches).toMatchObject([{ kind: "acknowledge", tier: "critical", targetMinutes: 15 }]);
  });

  it("gives each cluster's posture before the week and at its end", async () => {
    const change = (await postureChanges(week.from, week.to)).find((c) => c.cluster === CLUSTER);
    expect(change).toMatchObject({ start: { privilegedContainers: 5 }, end: { privilegedContainers: 3, unownedWorkloads: 9 } });
  });
});
