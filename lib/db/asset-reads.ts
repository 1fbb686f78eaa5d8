// Reads behind the asset pages: each cluster's current workloads in scope (with their pods and
// stored reachable assets), and the open incidents of a set of workloads.
import type { TScope } from "../auth/scope";
import type { TCompactReachable } from "../snapshots/compact-snapshot";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";
import { LISTED_WORKLOAD } from "./workloads";

export interface TAssetWorkloadRow {
  stableId: string;
  key: string;
  kind: string;
  namespace: string;
  name: string;
  team: string | null;
  pods: string[];
  reachable: TCompactReachable;
}

/** Each cluster (or the one named) with its current snapshot and the workloads of it the scope may see. */
export async function currentWorkloadsByCluster(cluster: string | undefined, scope: TScope): Promise<{ cluster: string; snapshotId: string; workloads: TAssetWorkloadRow[] }[]> {
  const args: unknown[] = [];
  const arg = argList(args);
  const where = [`${LISTED_WORKLOAD} ${scopeCondition(scope, `w."teamId"`, arg)}`];
  if (cluster) where.push(`c.name = ${arg(cluster)}`);
  const res = await pgPool().query(
    `SELECT c.name AS cluster, w."snapshotId", w."stableId", w.key, w.kind, w.namespace, w.name, t.name AS team, w.pods, w.reachable
     FROM workloads w JOIN clusters c ON c."currentSnapshotId" = w."snapshotId" LEFT JOIN teams t ON t.id = w."teamId"
     WHERE ${where.join(" AND ")} ORDER BY c.name, w.key`,
    args,
  );
  type TEntry = { cluster: string; snapshotId: string; workloads: TAssetWorkloadRow[] };
  const out = new Map<string, TEntry>();
  for (const r of res.rows) {
    const entry: TEntry = out.get(r.cluster) ?? { cluster: r.cluster, snapshotId: r.snapshotId, workloads: [] };
    entry.workloads.push({ stableId: r.stableId, key: r.key, kind: r.kind, namespace: r.namespace, name: r.name, team: r.team, pods: r.pods, reachable: r.reachable });
    out.set(r.cluster, entry);
  }
  return [...out.values()];
}

/** The clusters the scope may see that have a current snapshot (a developer: where their teams' workloads are). */
export async function clustersWithSnapshot(scope: TScope): Promise<string[]> {
  const args: unknown[] = [];
  const inScope = scopeCondition(scope, `w."teamId"`, argList(args));
  const res = await pgPool().query(
    `SELECT DISTINCT c.name FROM clusters c JOIN workloads w ON w."snapshotId" = c."currentSnapshotId" WHERE ${LISTED_WORKLOAD} ${inScope} ORDER BY 1`,
    args,
  );
  return res.rows.map((r: { name: string }) => r.name);
}

export interface TOpenIncidentBrief {
  id: string;
  title: string;
  score: number;
  severity: string;
  status: string;
  workloadKey: string;
}

/** Open incidents of these workloads of one cluster, in queue order, in scope. */
export async function openIncidentsOf(cluster: string, keys: string[], scope: TScope): Promise<TOpenIncidentBrief[]> {
  if (keys.length === 0) return [];
  const args: unknown[] = [cluster, keys];
  const inScope = scopeCondition(scope, `i."teamId"`, argList(args));
  const res = await pgPool().query(
    `SELECT i.id, i.title, i.score, i.severity, i.status, i."workloadKey"
     FROM incidents i JOIN clusters c ON c.id = i."clusterId"
     WHERE c.name = $1 AND i."workloadKey" = ANY($2::text[]) AND i.status NOT IN ('resolved', 'false_positive') AND i."mergedIntoId" IS NULL ${inScope}
     ORDER BY i.score DESC, i."severityRank" DESC, i."lastSeen" DESC, i.id`,
    args,
  );
  return res.rows;
}
