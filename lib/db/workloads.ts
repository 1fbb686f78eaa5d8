// Reads workloads of each cluster's current snapshot, in blast-radius order, scoped by team.
import type { TTierBreakdown } from "../graph/types";
import type { TSensitivity } from "../inventory/types";
import type { TScope } from "../auth/scope";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

export interface TWorkloadRow {
  /** the per-snapshot row (internal; old links used it) */
  id: string;
  /** the same in every snapshot (DESIGN.md "Stable identities") */
  stableId: string;
  snapshotId: string;
  /** whether the row is of its cluster's current snapshot */
  current?: boolean;
  cluster: string;
  key: string;
  kind: string;
  namespace: string;
  name: string;
  teamId: string | null;
  team: string | null;
  score: number;
  breakdown: TTierBreakdown[];
  pods: string[];
  tierCounts: Record<TSensitivity, number>;
  reachable: { p: number[][] };
  /** its incidents not yet resolved (listings only) */
  openIncidents?: number;
}

export interface TWorkloadFilter {
  cluster?: string;
  namespace?: string;
  team?: string;
  /** part of the workload's name or key, any case */
  q?: string;
  limit: number;
  after?: { score: number; cluster: string; key: string };
}

/** Workloads people see: not the per-namespace stand-ins for pods the inventory does not show (lib/graph/blast-radius.ts NEW_POD_KIND). */
export const LISTED_WORKLOAD = `w.kind <> 'UnknownPod'`;

const COLUMNS = `w.id, w."stableId", w."snapshotId", c.name AS cluster, w.key, w.kind, w.namespace, w.name, w."teamId",
  t.name AS team, w.score, w.breakdown, w.pods, w."tierCounts", w.reachable`;

export async function listCurrentWorkloads(f: TWorkloadFilter, scope: TScope): Promise<TWorkloadRow[]> {
  const args: unknown[] = [];
  const arg = argList(args);
  const where: string[] = [`${LISTED_WORKLOAD} ${scopeCondition(scope, `w."teamId"`, arg)}`];
  if (f.cluster) where.push(`c.name = ${arg(f.cluster)}`);
  if (f.namespace) where.push(`w.namespace = ${arg(f.namespace)}`);
  if (f.team) where.push(`t.name = ${arg(f.team)}`);
  if (f.q) where.push(`w.key ILIKE ${arg(`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`);
  if (f.after) {
    const s = arg(f.after.score);
    where.push(`(w.score < ${s} OR (w.score = ${s} AND (c.name, w.key) > (${arg(f.after.cluster)}, ${arg(f.after.key)})))`);
  }
  const sql = `SELECT ${COLUMNS},
      (SELECT count(*)::int FROM incidents i WHERE i."clusterId" = c.id AND i."workloadKey" = w.key
         AND i.status NOT IN ('resolved', 'false_positive') AND i."mergedIntoId" IS NULL) AS "openIncidents"
    FROM workloads w
    JOIN clusters c ON c."currentSnapshotId" = w."snapshotId"
    LEFT JOIN teams t ON t.id = w."teamId"
    WHERE ${where.join(" AND ")}
    ORDER BY w.score DESC, c.name, w.key
    LIMIT ${arg(f.limit)}`;
  const res = await pgPool().query(sql, args);
  return res.rows;
}

/**
 * One workload by its stable id: its row in the cluster's current snapshot, else (the workload is
 * gone from the cluster) its newest row in a kept snapshot. Null when absent or outside the scope.
 */
export async function findWorkload(stableId: string, scope: TScope): Promise<TWorkloadRow | null> {
  const args: unknown[] = [stableId];
  const inScope = scopeCondition(scope, `w."teamId"`, argList(args));
  const res = await pgPool().query(
    `SELECT ${COLUMNS}, (c."currentSnapshotId" = w."snapshotId") AS current
     FROM workloads w
     JOIN inventory_snapshots s ON s.id = w."snapshotId"
     JOIN clusters c ON c.id = s."clusterId"
     LEFT JOIN teams t ON t.id = w."teamId"
     WHERE w."stableId" = $1 AND ${LISTED_WORKLOAD} ${inScope}
     ORDER BY (c."currentSnapshotId" = w."snapshotId") DESC, s."createdAt" DESC
     LIMIT 1`,
    args,
  );
  return res.rows[0] ?? null;
}

/** The stable id of a per-snapshot row id (links shared before stable ids); null when absent or outside the scope. */
export async function stableIdOfRow(rowId: string, scope: TScope): Promise<string | null> {
  const args: unknown[] = [rowId];
  const inScope = scopeCondition(scope, `w."teamId"`, argList(args));
  const res = await pgPool().query(`SELECT w."stableId" FROM workloads w WHERE w.id = $1 AND ${LISTED_WORKLOAD} ${inScope}`, args);
  return res.rows[0]?.stableId ?? null;
}

/** The keys of a cluster's current workloads the scope may see (choke points for a developer cover those only). */
export async function currentWorkloadKeys(cluster: string, scope: TScope): Promise<string[]> {
  const args: unknown[] = [cluster];
  const inScope = scopeCondition(scope, `w."teamId"`, argList(args));
  const res = await pgPool().query(
    `SELECT w.key FROM workloads w JOIN clusters c ON c."currentSnapshotId" = w."snapshotId"
     WHERE c.name = $1 AND ${LISTED_WORKLOAD} ${inScope} ORDER BY w.key`,
    args,
  );
  return res.rows.map((r: { key: string }) => r.key);
}

/** What the workloads page's filters offer: clusters, namespaces and teams of current workloads in scope. */
export async function workloadFacets(scope: TScope): Promise<{ clusters: string[]; namespaces: string[]; teams: string[] }> {
  const args: unknown[] = [];
  const inScope = scopeCondition(scope, `w."teamId"`, argList(args));
  const res = await pgPool().query(
    `SELECT array_agg(DISTINCT c.name) AS clusters, array_agg(DISTINCT w.namespace) AS namespaces,
       array_remove(array_agg(DISTINCT t.name), NULL) AS teams
     FROM workloads w JOIN clusters c ON c."currentSnapshotId" = w."snapshotId" LEFT JOIN teams t ON t.id = w."teamId"
     WHERE ${LISTED_WORKLOAD} ${inScope}`,
    args,
  );
  const r = res.rows[0] ?? {};
  const sorted = (v: (string | null)[] | null) => (v ?? []).filter((x): x is string => !!x).sort();
  return { clusters: sorted(r.clusters), namespaces: sorted(r.namespaces), teams: sorted(r.teams) };
}
