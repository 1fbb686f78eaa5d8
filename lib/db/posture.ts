// Posture over time (DESIGN.md "Managers"): a point per cluster and hour at most — the latest
// snapshot of the hour replaces the hour's point — with the inventory's figures plus what only the
// database knows once ownership rules are applied: unowned workloads and the sum of blast radii.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { TPostureFigures } from "../snapshots/posture-figures";
import { pgPool } from "./pg";
import { LISTED_WORKLOAD } from "./workloads";
import { activeRiskCount } from "./accepted-risks";

export interface TPosturePoint {
  at: Date;
  snapshotId: string | null;
  figures: TPostureFigures & { unownedWorkloads: number; blastRadiusSum: number; workloads: number; acceptedRisks: number };
}

export async function recordPosture(client: pg.PoolClient, clusterId: string, snapshotId: string, figures: TPostureFigures): Promise<void> {
  const counts = (
    await client.query(
      `SELECT count(*)::int AS workloads, count(*) FILTER (WHERE w."teamId" IS NULL)::int AS unowned, COALESCE(round(sum(w.score)::numeric, 1), 0)::float8 AS sum
       FROM workloads w WHERE w."snapshotId" = $1 AND ${LISTED_WORKLOAD}`,
      [snapshotId],
    )
  ).rows[0];
  const all = { ...figures, unownedWorkloads: counts.unowned, blastRadiusSum: counts.sum, workloads: counts.workloads, acceptedRisks: await activeRiskCount(client, clusterId) };
  const updated = await client.query(
    `UPDATE posture_points SET "snapshotId" = $2, at = now(), figures = $3::jsonb
     WHERE id = (SELECT id FROM posture_points WHERE "clusterId" = $1 AND at > now() - interval '1 hour' ORDER BY at DESC LIMIT 1)`,
    [clusterId, snapshotId, JSON.stringify(all)],
  );
  if (!updated.rowCount) {
    await client.query(`INSERT INTO posture_points (id, "clusterId", "snapshotId", figures) VALUES ($1, $2, $3, $4::jsonb)`, [randomUUID(), clusterId, snapshotId, JSON.stringify(all)]);
  }
}

/** A cluster's posture points in a period, oldest first; null when the cluster does not exist. */
export async function posturePoints(cluster: string, from: Date, to: Date): Promise<TPosturePoint[] | null> {
  const c = (await pgPool().query(`SELECT id FROM clusters WHERE name = $1`, [cluster])).rows[0];
  if (!c) return null;
  const res = await pgPool().query(
    `SELECT at, "snapshotId", figures FROM posture_points WHERE "clusterId" = $1 AND at >= $2 AND at < $3 ORDER BY at LIMIT 5000`,
    [c.id, from, to],
  );
  return res.rows;
}

/** Clusters with posture points, for the page's picker. */
export async function postureClusters(): Promise<string[]> {
  const res = await pgPool().query(`SELECT c.name FROM clusters c WHERE EXISTS (SELECT 1 FROM posture_points p WHERE p."clusterId" = c.id) ORDER BY c.name`);
  return res.rows.map((r: { name: string }) => r.name);
}

/** The kept snapshots of a cluster, newest first (what "what changed" can compare). */
export async function keptSnapshots(cluster: string): Promise<{ id: string; createdAt: Date; live: boolean }[]> {
  const res = await pgPool().query(
    `SELECT s.id, s."createdAt", s.live FROM inventory_snapshots s JOIN clusters c ON c.id = s."clusterId" WHERE c.name = $1 ORDER BY s."createdAt" DESC LIMIT 50`,
    [cluster],
  );
  return res.rows;
}
