// MTTA / MTTC / MTTR (minutes from the first alert to acknowledgement, containment, resolution)
// per team or per blast-radius tier, over incidents first seen in a period.
import type { TScope } from "../auth/scope";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

export interface TResponseRow {
  group: string;
  incidents: number;
  acknowledged: number;
  contained: number;
  resolved: number;
  mttaMinutes: number | null;
  mttcMinutes: number | null;
  mttrMinutes: number | null;
  p90MttrMinutes: number | null;
}

const GROUP = {
  team: `COALESCE(t.name, 'unowned')`,
  tier: `CASE WHEN COALESCE((w."tierCounts"->>'critical')::int, 0) > 0 THEN 'critical'
              WHEN COALESCE((w."tierCounts"->>'high')::int, 0) > 0 THEN 'high'
              WHEN COALESCE((w."tierCounts"->>'medium')::int, 0) > 0 THEN 'medium'
              WHEN COALESCE((w."tierCounts"->>'low')::int, 0) > 0 THEN 'low' ELSE 'none' END`,
} as const;

export async function responseMetrics(groupBy: keyof typeof GROUP, from: Date, to: Date, scope: TScope): Promise<TResponseRow[]> {
  const args: unknown[] = [from, to];
  const inScope = scopeCondition(scope, `i."teamId"`, argList(args));
  const minutes = (col: string) => `EXTRACT(EPOCH FROM (i."${col}" - i."firstSeen")) / 60`;
  const res = await pgPool().query(
    `SELECT ${GROUP[groupBy]} AS "group", count(*)::int AS incidents,
       count(i."acknowledgedAt")::int AS acknowledged, count(i."containedAt")::int AS contained, count(i."resolvedAt")::int AS resolved,
       round(avg(${minutes("acknowledgedAt")})::numeric, 1)::float8 AS "mttaMinutes",
       round(avg(${minutes("containedAt")})::numeric, 1)::float8 AS "mttcMinutes",
       round(avg(${minutes("resolvedAt")})::numeric, 1)::float8 AS "mttrMinutes",
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY ${minutes("resolvedAt")}))::numeric, 1)::float8 AS "p90MttrMinutes"
     FROM incidents i
     JOIN clusters c ON c.id = i."clusterId"
     LEFT JOIN teams t ON t.id = i."teamId"
     LEFT JOIN workloads w ON w."snapshotId" = c."currentSnapshotId" AND w.key = i."workloadKey"
     WHERE i."mergedIntoId" IS NULL AND i."firstSeen" >= $1 AND i."firstSeen" < $2 ${inScope}
     GROUP BY 1 ORDER BY 1`,
    args,
  );
  return res.rows;
}
