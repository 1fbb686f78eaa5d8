// Storage of re-scoring after a new snapshot (lib/incidents/rescore-incidents.ts decides): the
// cluster's open incidents, their new scores and workloads, the alerts that move with them, and
// the system's audit entries — all inside the upload's transaction.
import { OPEN_STATUS_SQL } from "./open-incidents-sql";
import type { TTx } from "./pg";

export interface TOpenIncidentForRescore {
  id: string;
  workloadKey: string;
  workloadKind: string;
  namespace: string | null;
  workloadName: string;
  notInInventory: boolean;
  resolvedBy: string | null;
  severity: string;
  scoreBreakdown: { evidenceBoost?: number; basis?: string } | null;
}

export async function openIncidentsOfCluster(client: TTx, clusterId: string): Promise<TOpenIncidentForRescore[]> {
  const res = await client.query(
    `SELECT id, "workloadKey", "workloadKind", namespace, "workloadName", "notInInventory", "resolvedBy", severity, "scoreBreakdown"
     FROM incidents WHERE "clusterId" = $1 AND ${OPEN_STATUS_SQL} AND "mergedIntoId" IS NULL`,
    [clusterId],
  );
  return res.rows;
}

export interface TRescore {
  id: string;
  score: number;
  breakdown: unknown;
  key: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** null keeps the incident's team */
  teamId: string | null;
  unknown: boolean;
  /** null keeps how it was matched; "pod" also clears the matched controller */
  resolvedBy: string | null;
  /** the controller whose name matched; null keeps the stored one */
  resolution: unknown;
}

/**
 * One statement for all the cluster's open incidents; only the rows whose score, workload, team or
 * match really changed are written (an inventory usually changes few of them: the others keep
 * their row version, their `updatedAt` and their place in the queue's live updates). Returns how
 * many changed.
 */
export async function writeRescores(client: TTx, rows: TRescore[]): Promise<number> {
  const res = await client.query(
    `UPDATE incidents i SET score = u.score, "scoreBreakdown" = u.breakdown::jsonb, "workloadKey" = u.key, "workloadKind" = u.kind,
       namespace = u.ns, "workloadName" = u.name, "teamId" = COALESCE(u.team, i."teamId"), "notInInventory" = u.unknown,
       "resolvedBy" = COALESCE(u.resolved_by, i."resolvedBy"),
       resolution = CASE WHEN u.resolved_by = 'pod' THEN NULL ELSE COALESCE(u.resolution::jsonb, i.resolution) END, "updatedAt" = now()
     FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::text[], $11::text[])
       AS u(id, score, breakdown, key, kind, ns, name, team, unknown, resolved_by, resolution)
     WHERE i.id = u.id
       AND (i.score IS DISTINCT FROM u.score OR i."scoreBreakdown" IS DISTINCT FROM u.breakdown::jsonb OR i."workloadKey" IS DISTINCT FROM u.key
         OR i."workloadKind" IS DISTINCT FROM u.kind OR i.namespace IS DISTINCT FROM u.ns OR i."workloadName" IS DISTINCT FROM u.name
         OR (u.team IS NOT NULL AND i."teamId" IS DISTINCT FROM u.team) OR i."notInInventory" IS DISTINCT FROM u.unknown
         OR (u.resolved_by IS NOT NULL AND i."resolvedBy" IS DISTINCT FROM u.resolved_by)
         OR (u.resolved_by = 'pod' AND i.resolution IS NOT NULL)
         OR (u.resolved_by IS DISTINCT FROM 'pod' AND u.resolution IS NOT NULL AND i.resolution IS DISTINCT FROM u.resolution::jsonb))`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.score),
      rows.map((r) => JSON.stringify(r.breakdown)),
      rows.map((r) => r.key),
      rows.map((r) => r.kind),
      rows.map((r) => r.namespace),
      rows.map((r) => r.name),
      rows.map((r) => r.teamId),
      rows.map((r) => r.unknown),
      rows.map((r) => r.resolvedBy),
      rows.map((r) => (r.resolution ? JSON.stringify(r.resolution) : null)),
    ],
  );
  return res.rowCount ?? 0;
}

/** The alerts of incidents put on another workload go with them. */
export async function moveIncidentAlerts(client: TTx, moves: { id: string; key: string }[]): Promise<void> {
  await client.query(`UPDATE alerts a SET "workloadKey" = u.key FROM unnest($1::text[], $2::text[]) AS u(id, key) WHERE a."incidentId" = u.id`, [
    moves.map((m) => m.id),
    moves.map((m) => m.key),
  ]);
}

/** Audit entries the system writes on incidents (one action, one entry per incident). */
export async function auditSystemIncidentEvents(client: TTx, action: string, entries: { id: string; details: unknown }[]): Promise<void> {
  await client.query(
    `INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details)
     SELECT 'system', NULL, 'system', $1, 'incident', u.id, u.details::jsonb
     FROM unnest($2::text[], $3::text[]) AS u(id, details)`,
    [action, entries.map((e) => e.id), entries.map((e) => JSON.stringify(e.details))],
  );
}
