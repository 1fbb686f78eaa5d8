// Incident rows as ingest and re-scoring change them, inside the caller's transaction.
import { randomUUID } from "node:crypto";
import type pg from "pg";

/** Serializes concurrent batches that touch the same workloads (sorted: no deadlock). */
export async function lockWorkloads(client: pg.PoolClient, clusterId: string, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  for (const key of sorted) await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${clusterId}|${key}`]);
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
       AND status NOT IN ('resolved', 'false_positive') AND "mergedIntoId" IS NULL
     ORDER BY "workloadKey", "lastSeen" DESC`,
    [clusterId, keys],
  );
  return new Map(res.rows.map((r: TOpenIncidentRow) => [r.workloadKey, r]));
}

export interface TIncidentWrite {
  id: string | null;
  clusterId: string;
  workloadKey: string;
  workloadKind: string;
  namespace: string | null;
  workloadName: string;
  teamId: string | null;
  notInInventory: boolean;
  title: string;
  severity: string;
  severityRank: number;
  score: number;
  scoreBreakdown: unknown;
  addAlerts: number;
  firstSeen: Date;
  lastSeen: Date;
  snapshotId: string | null;
  mitreTactics: string[];
}

/** Creates the incident (id null) or folds the new alerts into it; returns its id. */
export async function writeIncident(client: pg.PoolClient, w: TIncidentWrite): Promise<string> {
  if (w.id) {
    await client.query(
      `UPDATE incidents SET
         "alertCount" = "alertCount" + $2,
         "firstSeen" = LEAST("firstSeen", $3), "lastSeen" = GREATEST("lastSeen", $4),
         title = CASE WHEN $6 > "severityRank" THEN $5 ELSE title END,
         severity = CASE WHEN $6 > "severityRank" THEN $7 ELSE severity END,
         "severityRank" = GREATEST("severityRank", $6),
         score = $8, "scoreBreakdown" = $9::jsonb, "teamId" = $10, "notInInventory" = $11,
         "mitreTactics" = ARRAY(SELECT DISTINCT unnest("mitreTactics" || $12::text[]) ORDER BY 1),
         "updatedAt" = now()
       WHERE id = $1`,
      [w.id, w.addAlerts, w.firstSeen, w.lastSeen, w.title, w.severityRank, w.severity, w.score, JSON.stringify(w.scoreBreakdown), w.teamId, w.notInInventory, w.mitreTactics],
    );
    return w.id;
  }
  const id = randomUUID();
  await client.query(
    `INSERT INTO incidents (id, "clusterId", "workloadKey", "workloadKind", namespace, "workloadName", "teamId", "notInInventory",
       title, severity, "severityRank", score, "scoreBreakdown", "alertCount", "firstSeen", "lastSeen", "snapshotAtFirstAlert",
       "mitreTactics", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18::text[], now())`,
    [id, w.clusterId, w.workloadKey, w.workloadKind, w.namespace, w.workloadName, w.teamId, w.notInInventory, w.title, w.severity,
      w.severityRank, w.score, JSON.stringify(w.scoreBreakdown), w.addAlerts, w.firstSeen, w.lastSeen, w.snapshotId, [...new Set(w.mitreTactics)].sort()],
  );
  return id;
}
