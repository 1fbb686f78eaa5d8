// Incident rows as ingest and re-scoring change them, inside the caller's transaction.
import { incidentTier } from "../domain/incident-tier";
import type { TScoreBreakdown } from "../incidents/score-incident";
import type pg from "pg";
import { pgTextArray } from "./pg-arrays";
import { OPEN_STATUS_SQL } from "./open-incidents-sql";

/** Serializes concurrent batches that touch the same workloads; one statement, locks taken in key order (no deadlock). */
export async function lockWorkloads(client: pg.PoolClient, clusterId: string, keys: string[]): Promise<void> {
  await lockWorkloadKeys(client, keys.map((k) => `${clusterId}|${k}`));
}

/** lockWorkloads for "clusterId|workloadKey" keys, possibly of several clusters. */
export async function lockWorkloadKeys(client: pg.PoolClient, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  await client.query(`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT unnest($1::text[]) AS k ORDER BY 1) s`, [sorted]);
}

export interface TOpenIncidentRow {
  id: string;
  workloadKey: string;
  firstSeen: Date;
  lastSeen: Date;
  severityRank: number;
  severity: string;
  title: string;
  scoreBreakdown: { evidenceBoost?: number } | null;
}

/** Per workload, its open incident with the latest last alert. */
export async function openIncidents(client: pg.PoolClient, clusterId: string, keys: string[]): Promise<Map<string, TOpenIncidentRow>> {
  const res = await client.query(
    `SELECT DISTINCT ON ("workloadKey") id, "workloadKey", "firstSeen", "lastSeen", "severityRank", severity, title, "scoreBreakdown"
     FROM incidents WHERE "clusterId" = $1 AND "workloadKey" = ANY($2::text[])
       AND ${OPEN_STATUS_SQL} AND "mergedIntoId" IS NULL
     ORDER BY "workloadKey", "lastSeen" DESC`,
    [clusterId, keys],
  );
  return new Map(res.rows.map((r: TOpenIncidentRow) => [r.workloadKey, r]));
}

export interface TIncidentWrite {
  id: string;
  /** true: a new incident with this id; false: fold into the open incident with this id */
  create: boolean;
  clusterId: string;
  workloadKey: string;
  workloadKind: string;
  namespace: string | null;
  workloadName: string;
  teamId: string | null;
  notInInventory: boolean;
  /** set when the incident opens: how its pod was matched to the workload */
  resolvedBy: string | null;
  resolution: unknown;
  title: string;
  severity: string;
  severityRank: number;
  score: number;
  scoreBreakdown: TScoreBreakdown;
  addAlerts: number;
  firstSeen: Date;
  lastSeen: Date;
  snapshotId: string | null;
  mitreTactics: string[];
}

/** Creates the new incidents and folds new alerts into the open ones, in two statements. */
export async function writeIncidents(client: pg.PoolClient, writes: TIncidentWrite[]): Promise<void> {
  const updates = writes.filter((w) => !w.create).map((w) => ({ w, id: w.id }));
  const inserts = writes.filter((w) => w.create).map((w) => ({ w, id: w.id }));
  const col = <T>(rows: { w: TIncidentWrite; id: string }[], f: (w: TIncidentWrite, id: string) => T) => rows.map((r) => f(r.w, r.id));
  if (updates.length) {
    await client.query(
      `UPDATE incidents i SET
         "alertCount" = i."alertCount" + u.add,
         "firstSeen" = LEAST(i."firstSeen", u.first), "lastSeen" = GREATEST(i."lastSeen", u.last),
         title = CASE WHEN u.rank > i."severityRank" THEN u.title ELSE i.title END,
         severity = CASE WHEN u.rank > i."severityRank" THEN u.severity ELSE i.severity END,
         "severityRank" = GREATEST(i."severityRank", u.rank),
         score = u.score, "scoreBreakdown" = u.breakdown::jsonb, "teamId" = u.team, "notInInventory" = u.unknown,
         "mitreTactics" = ARRAY(SELECT DISTINCT t FROM unnest(i."mitreTactics" || u.tactics::text[]) AS t ORDER BY 1),
         "updatedAt" = now()
       FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::int[], $7::text[], $8::float8[],
                   $9::text[], $10::text[], $11::bool[], $12::text[])
         AS u(id, add, first, last, title, rank, severity, score, breakdown, team, unknown, tactics)
       WHERE i.id = u.id`,
      [
        col(updates, (_w, id) => id),
        col(updates, (w) => w.addAlerts),
        col(updates, (w) => w.firstSeen.toISOString()),
        col(updates, (w) => w.lastSeen.toISOString()),
        col(updates, (w) => w.title),
        col(updates, (w) => w.severityRank),
        col(updates, (w) => w.severity),
        col(updates, (w) => w.score),
        col(updates, (w) => JSON.stringify(w.scoreBreakdown)),
        col(updates, (w) => w.teamId),
        col(updates, (w) => w.notInInventory),
        col(updates, (w) => pgTextArray(w.mitreTactics)),
      ],
    );
  }
  if (inserts.length) {
    await client.query(
      `INSERT INTO incidents (id, "clusterId", "workloadKey", "workloadKind", namespace, "workloadName", "teamId", "notInInventory",
         title, severity, "severityRank", score, "scoreBreakdown", "alertCount", "firstSeen", "lastSeen", "snapshotAtFirstAlert",
         "mitreTactics", "resolvedBy", resolution, tier, "updatedAt")
       SELECT u.id, u.cluster, u.key, u.kind, u.ns, u.name, u.team, u.unknown, u.title, u.severity, u.rank, u.score, u.breakdown::jsonb,
              u.add, u.first, u.last, u.snapshot, u.tactics::text[], u.resolved_by, u.resolution::jsonb, u.tier, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::text[], $10::text[],
                   $11::int[], $12::float8[], $13::text[], $14::int[], $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[],
                   $19::text[], $20::text[], $21::text[])
         AS u(id, cluster, key, kind, ns, name, team, unknown, title, severity, rank, score, breakdown, add, first, last, snapshot, tactics,
              resolved_by, resolution, tier)`,
      [
        col(inserts, (_w, id) => id),
        col(inserts, (w) => w.clusterId),
        col(inserts, (w) => w.workloadKey),
        col(inserts, (w) => w.workloadKind),
        col(inserts, (w) => w.namespace),
        col(inserts, (w) => w.workloadName),
        col(inserts, (w) => w.teamId),
        col(inserts, (w) => w.notInInventory),
        col(inserts, (w) => w.title),
        col(inserts, (w) => w.severity),
        col(inserts, (w) => w.severityRank),
        col(inserts, (w) => w.score),
        col(inserts, (w) => JSON.stringify(w.scoreBreakdown)),
        col(inserts, (w) => w.addAlerts),
        col(inserts, (w) => w.firstSeen.toISOString()),
        col(inserts, (w) => w.lastSeen.toISOString()),
        col(inserts, (w) => w.snapshotId),
        col(inserts, (w) => pgTextArray([...new Set(w.mitreTactics)].sort())),
        col(inserts, (w) => w.resolvedBy),
        col(inserts, (w) => (w.resolution == null ? null : JSON.stringify(w.resolution))),
        // written once, here (DESIGN.md "Incident tier")
        col(inserts, (w) => incidentTier(w.scoreBreakdown)),
      ],
    );
  }
}
