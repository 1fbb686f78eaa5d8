// A workload as stored in a given snapshot (for the graph "as it was at the first alert").
import type { TScope } from "../auth/scope";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

/** Null when absent or owned (in that snapshot) by a team outside the scope. */
export async function snapshotWorkload(
  snapshotId: string,
  key: string,
  scope: TScope,
): Promise<{ pods: string[]; reachable: { p: number[][] }; score: number; breakdown: unknown } | null> {
  const args: unknown[] = [snapshotId, key];
  const inScope = scopeCondition(scope, `"teamId"`, argList(args));
  const res = await pgPool().query(`SELECT pods, reachable, score, breakdown FROM workloads WHERE "snapshotId" = $1 AND key = $2 ${inScope}`, args);
  return res.rows[0] ?? null;
}

export async function snapshotExists(snapshotId: string): Promise<{ createdAt: Date } | null> {
  const res = await pgPool().query(`SELECT "createdAt" FROM inventory_snapshots WHERE id = $1`, [snapshotId]);
  return res.rows[0] ?? null;
}
