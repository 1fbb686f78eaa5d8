// A workload as stored in a given snapshot (for the graph "as it was at the first alert").
import { pgPool } from "./pg";

export async function snapshotWorkload(snapshotId: string, key: string): Promise<{ pods: string[]; reachable: { p: number[][] }; score: number; breakdown: unknown } | null> {
  const res = await pgPool().query(`SELECT pods, reachable, score, breakdown FROM workloads WHERE "snapshotId" = $1 AND key = $2`, [snapshotId, key]);
  return res.rows[0] ?? null;
}

export async function snapshotExists(snapshotId: string): Promise<{ createdAt: Date } | null> {
  const res = await pgPool().query(`SELECT "createdAt" FROM inventory_snapshots WHERE id = $1`, [snapshotId]);
  return res.rows[0] ?? null;
}
