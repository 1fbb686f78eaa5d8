// Every lib/db read of team-owned data takes a scope; a developer's scope (their teams) gets
// nothing of another team's rows, from any of them, and a developer without a team gets nothing.
import { beforeAll, describe, expect, it } from "vitest";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeToken, noParams } from "./fixtures";
import { postShopShell, SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { ALL_TEAMS, type TScope } from "../lib/auth/scope";
import { findIncident, incidentAlerts, listIncidents } from "../lib/db/incidents-read";
import { findWorkload, listCurrentWorkloads, stableIdOfRow } from "../lib/db/workloads";
import { snapshotWorkload } from "../lib/db/snapshot-workload";
import { incidentFacets } from "../lib/db/incident-facets";
import { responseMetrics } from "../lib/db/response-metrics";
import { incidentAuditEntries, writeAudit } from "../lib/db/audit";

const A = "scope-team-a";
const B = "scope-team-b";
let teamA: string;
let teamB: string;
let incidentA: string;
let incidentB: string;
let workloadB: { id: string; stableId: string; snapshotId: string; key: string };

async function setUp(cluster: string, team: string, token: string) {
  const up = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token, rawBody: SHOP_YAML(team), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(up.status).toBe(200);
  const res = await postShopShell(cluster, token, { minutesAgo: 2 });
  expect((await res.json()).accepted).toBe(1);
  const c = await db().cluster.findUniqueOrThrow({ where: { name: cluster } });
  const incident = await db().incident.findFirstOrThrow({ where: { clusterId: c.id } });
  await writeAudit("system", { action: "incident.comment", targetType: "incident", targetId: incident.id, details: { text: `note on ${team}` } });
  return { incident, cluster: c };
}

beforeAll(async () => {
  const admin = (await makeToken("admin")).secret;
  const a = await setUp("scope-a", A, admin);
  const b = await setUp("scope-b", B, admin);
  teamA = (await db().team.findUniqueOrThrow({ where: { name: A } })).id;
  teamB = (await db().team.findUniqueOrThrow({ where: { name: B } })).id;
  incidentA = a.incident.id;
  incidentB = b.incident.id;
  expect(a.incident.teamId).toBe(teamA);
  expect(b.incident.teamId).toBe(teamB);
  const w = await db().workload.findFirstOrThrow({ where: { snapshotId: b.cluster.currentSnapshotId!, key: "Deployment/shop/api" } });
  workloadB = { id: w.id, stableId: w.stableId, snapshotId: w.snapshotId, key: w.key };
});

const dev = (): TScope => ({ all: false, teamIds: [teamA] });
const noTeam: TScope = { all: false, teamIds: [] };

describe("a developer's scope never reaches another team's rows", () => {
  it("incidents: the queue and one incident", async () => {
    const all = await listIncidents({ limit: 500 }, ALL_TEAMS);
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([incidentA, incidentB]));
    const mine = await listIncidents({ limit: 500 }, dev());
    expect(mine.map((r) => r.id)).toContain(incidentA);
    expect(mine.every((r) => r.teamId === teamA)).toBe(true);
    expect(await listIncidents({ limit: 500 }, noTeam)).toEqual([]);
    expect(await findIncident(incidentB, dev())).toBeNull();
    expect((await findIncident(incidentA, dev()))?.id).toBe(incidentA);
    expect(await findIncident(incidentA, noTeam)).toBeNull();
  });

  it("alerts of an incident", async () => {
    expect((await incidentAlerts(incidentB, ALL_TEAMS)).length).toBe(1);
    expect(await incidentAlerts(incidentB, dev())).toEqual([]);
    expect((await incidentAlerts(incidentA, dev())).length).toBe(1);
  });

  it("workloads: the list, one workload, one workload in a snapshot", async () => {
    const mine = await listCurrentWorkloads({ limit: 500 }, dev());
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((w) => w.teamId === teamA)).toBe(true);
    expect((await listCurrentWorkloads({ limit: 500 }, ALL_TEAMS)).some((w) => w.teamId === teamB)).toBe(true);
    expect(await listCurrentWorkloads({ limit: 500 }, noTeam)).toEqual([]);
    expect(await findWorkload(workloadB.stableId, dev())).toBeNull();
    expect((await findWorkload(workloadB.stableId, ALL_TEAMS))?.id).toBe(workloadB.id);
    expect(await stableIdOfRow(workloadB.id, dev())).toBeNull();
    expect(await stableIdOfRow(workloadB.id, ALL_TEAMS)).toBe(workloadB.stableId);
    expect(await snapshotWorkload(workloadB.snapshotId, workloadB.key, dev())).toBeNull();
    expect(await snapshotWorkload(workloadB.snapshotId, workloadB.key, ALL_TEAMS)).not.toBeNull();
  });

  it("activity of an incident", async () => {
    expect((await incidentAuditEntries(incidentB, ALL_TEAMS, 50)).length).toBeGreaterThan(0);
    expect(await incidentAuditEntries(incidentB, dev(), 50)).toEqual([]);
    expect((await incidentAuditEntries(incidentA, dev(), 50)).length).toBeGreaterThan(0);
  });

  it("the queue's facets", async () => {
    const all = await incidentFacets(ALL_TEAMS);
    expect(all.clusters).toEqual(expect.arrayContaining(["scope-a", "scope-b"]));
    const mine = await incidentFacets(dev());
    expect(mine.clusters).toContain("scope-a");
    expect(mine.clusters).not.toContain("scope-b");
    expect(mine.teams).toEqual([A]);
    expect(await incidentFacets(noTeam)).toEqual({ clusters: [], namespaces: [], teams: [], tactics: [] });
  });

  it("response metrics", async () => {
    const from = new Date(Date.now() - 86_400_000);
    const to = new Date(Date.now() + 86_400_000);
    expect((await responseMetrics("team", from, to, ALL_TEAMS)).map((r) => r.group)).toEqual(expect.arrayContaining([A, B]));
    expect((await responseMetrics("team", from, to, dev())).map((r) => r.group)).toEqual([A]);
    expect(await responseMetrics("team", from, to, noTeam)).toEqual([]);
  });
});
