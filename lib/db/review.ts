// What a manager's weekly review reads (app/(app)/ownership/review): the critical-tier incidents
// opened in the week, the SLA breaches that fell due in it, and each cluster's posture at its start
// and end. Managers and admins read every team.
import { pgPool } from "./pg";

export interface TReviewIncident {
  id: string;
  title: string;
  cluster: string;
  namespace: string | null;
  workloadName: string;
  team: string | null;
  status: string;
  firstSeen: Date;
  acknowledgedAt: Date | null;
  containedAt: Date | null;
}

export async function criticalIncidentsOpened(from: Date, to: Date): Promise<TReviewIncident[]> {
  const res = await pgPool().query(
    `SELECT i.id, i.title, c.name AS cluster, i.namespace, i."workloadName", t.name AS team, i.status, i."firstSeen", i."acknowledgedAt", i."containedAt"
     FROM incidents i JOIN clusters c ON c.id = i."clusterId" LEFT JOIN teams t ON t.id = i."teamId"
     WHERE i.tier = 'critical' AND i."mergedIntoId" IS NULL AND i."firstSeen" >= $1 AND i."firstSeen" < $2
     ORDER BY i."firstSeen" LIMIT 500`,
    [from, to],
  );
  return res.rows;
}

export interface TReviewBreach {
  incidentId: string;
  title: string;
  kind: string;
  tier: string;
  targetMinutes: number;
  dueAt: Date;
  team: string | null;
}

export async function breachesDue(from: Date, to: Date): Promise<TReviewBreach[]> {
  const res = await pgPool().query(
    `SELECT b."incidentId", i.title, b.kind, b.tier, b."targetMinutes", b."dueAt", t.name AS team
     FROM sla_breaches b JOIN incidents i ON i.id = b."incidentId" LEFT JOIN teams t ON t.id = b."teamId"
     WHERE b."dueAt" >= $1 AND b."dueAt" < $2
     ORDER BY CASE b.tier WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, b."dueAt" LIMIT 500`,
    [from, to],
  );
  return res.rows;
}

export interface TPostureChange {
  cluster: string;
  /** the last point before the week ends, and the last one before it started (null when none) */
  start: Record<string, number> | null;
  end: Record<string, number>;
}

export async function postureChanges(from: Date, to: Date): Promise<TPostureChange[]> {
  const res = await pgPool().query(
    `SELECT c.name AS cluster,
            (SELECT p.figures FROM posture_points p WHERE p."clusterId" = c.id AND p.at < $1 ORDER BY p.at DESC LIMIT 1) AS start,
            (SELECT p.figures FROM posture_points p WHERE p."clusterId" = c.id AND p.at < $2 ORDER BY p.at DESC LIMIT 1) AS "end"
     FROM clusters c ORDER BY c.name`,
    [from, to],
  );
  return res.rows.filter((r: { end: unknown }) => r.end !== null);
}
