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
  // the new values, written once: what is set, and what is compared with the row
  const next = `u.score, u.breakdown::jsonb, u.key, u.kind, u.ns, u.name, COALESCE(u.team, i."teamId"), u.unknown,
    COALESCE(u.resolved_by, i."resolvedBy"), CASE WHEN u.resolved_by = 'pod' THEN NULL ELSE COALESCE(u.resolution::jsonb, i.resolution) END`;
  const columns = `score, "scoreBreakdown", "workloadKey", "workloadKind", namespace, "workloadName", "teamId", "notInInventory", "resolvedBy", resolution`;
  const res = await client.query(
    `UPDATE incidents i SET (${columns}) = (${next}), "updatedAt" = now()
     FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::text[], $11::text[])
       AS u(id, score, breakdown, key, kind, ns, name, team, unknown, resolved_by, resolution)
     WHERE i.id = u.id AND (${columns.replace(/(^|, )/g, "$1i.")}) IS DISTINCT FROM (${next})`,
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
