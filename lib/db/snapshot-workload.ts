// A workload as stored in a given snapshot (for the graph "as it was at the first alert").
import type { TScope } from "../auth/scope";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";
import { LISTED_WORKLOAD } from "./workloads";

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

/** A snapshot's cluster and time; null when it is not kept. */
export async function snapshotMeta(snapshotId: string): Promise<{ id: string; cluster: string; createdAt: Date } | null> {
  const res = await pgPool().query(
    `SELECT s.id, c.name AS cluster, s."createdAt" FROM inventory_snapshots s JOIN clusters c ON c.id = s."clusterId" WHERE s.id = $1`,
    [snapshotId],
  );
  return res.rows[0] ?? null;
}

/** Every listed workload of a snapshot in scope, with its stored reachable paths. */
export async function snapshotWorkloadsReach(snapshotId: string, scope: TScope): Promise<{ key: string; reachable: { p: number[][] } }[]> {
  const args: unknown[] = [snapshotId];
  const res = await pgPool().query(
    `SELECT w.key, w.reachable FROM workloads w WHERE w."snapshotId" = $1 AND ${LISTED_WORKLOAD} ${scopeCondition(scope, `w."teamId"`, argList(args))}`,
    args,
  );
  return res.rows;
}

/** The node and service account of pods of a snapshot, by `<ns>/<name>`. */
export async function snapshotPodFacts(snapshotId: string, namespace: string, names: string[]): Promise<Map<string, { node: string | null; serviceAccount: string | null }>> {
  if (names.length === 0) return new Map();
  const res = await pgPool().query(
    `SELECT name, "nodeName", "serviceAccount" FROM snapshot_pods WHERE "snapshotId" = $1 AND namespace = $2 AND name = ANY($3::text[])`,
    [snapshotId, namespace, names],
  );
  return new Map(res.rows.map((r: { name: string; nodeName: string | null; serviceAccount: string | null }) => [r.name, { node: r.nodeName, serviceAccount: r.serviceAccount }]));
}
