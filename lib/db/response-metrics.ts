// Response times (DESIGN.md "Managers"): MTTA (first alert → acknowledged), MTTC (→ contained) and
// MTTR (→ resolved), each as median and p90 in minutes with the number of incidents it is over, per
// team or per incident tier, over incidents first seen in a period, and per ISO week (Monday, UTC).
// False positives are counted and timed apart (first alert → marked), so dismissing noise fast does
// not flatter the figures; open incidents are counted as open. Computed in SQL from stored timestamps.
import type { TScope } from "../auth/scope";
import { openStatusSql } from "./open-incidents-sql";
import { pgPool, withTransaction } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

export interface TDuration {
  /** minutes, one decimal; null when n = 0 */
  median: number | null;
  p90: number | null;
  n: number;
}

export interface TResponseWeek {
  /** Monday of the ISO week, YYYY-MM-DD (UTC) */
  week: string;
  count: number;
  mtta: TDuration;
  mttc: TDuration;
  mttr: TDuration;
}

export interface TResponseGroup {
  group: string;
  count: number;
  open: number;
  falsePositives: number;
  mtta: TDuration;
  mttc: TDuration;
  mttr: TDuration;
  /** first alert → marked false positive */
  falsePositiveTime: TDuration;
  /** how the closed incidents ended: verdicts and outcomes as recorded when resolving */
  closedAs: TClosedAs;
  weeks: TResponseWeek[];
}

export interface TClosedAs {
  truePositive: number;
  benign: number;
  falsePositive: number;
  contained: number;
  noActionNeeded: number;
  other: number;
  /** closed without a recorded verdict (resolved through the API with a status alone) */
  unrecorded: number;
}

const GROUP = {
  team: `COALESCE(t.name, 'unowned')`,
  tier: `i.tier`,
} as const;

export type TResponseGroupBy = keyof typeof GROUP;

const FIGURES = ["tta", "ttc", "ttr", "tfp"] as const;

/** node-postgres reads a date as local midnight: say the day it names. */
function isoDay(d: Date | string): string {
  if (typeof d === "string") return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Response times, from a per-replica cache while nothing they are computed from has changed: the
 * version (a sequence the incidents triggers move, migration 20261202110000) is read first — one
 * tiny query — and an entry answers for at most CACHE_TTL_MS, which bounds what a version read
 * between a writer's trigger and its commit could keep stale.
 */
export async function cachedResponseMetrics(groupBy: TResponseGroupBy, from: Date, to: Date, scope: TScope): Promise<TResponseGroup[]> {
  const version = (await pgPool().query(`SELECT last_value::text AS v, is_called FROM incident_response_version`)).rows[0];
  const key = JSON.stringify([version.v, version.is_called, groupBy, from.getTime(), to.getTime(), scope.all ? "all" : [...scope.teamIds].sort()]);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.at > now - CACHE_TTL_MS) return hit.groups;
  const groups = await responseMetrics(groupBy, from, to, scope);
  // drop what has expired, then the oldest (a Map iterates in insertion order) while full
  for (const [k, e] of cache) if (e.at <= now - CACHE_TTL_MS) cache.delete(k);
  for (const k of cache.keys()) {
    if (cache.size < CACHE_MAX) break;
    cache.delete(k);
  }
  cache.set(key, { at: now, groups });
  return groups;
}

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 200;
const cache = new Map<string, { at: number; groups: TResponseGroup[] }>();

export async function responseMetrics(groupBy: TResponseGroupBy, from: Date, to: Date, scope: TScope): Promise<TResponseGroup[]> {
  const args: unknown[] = [from, to];
  const inScope = scopeCondition(scope, `i."teamId"`, argList(args));
  // date_part is float8 (EXTRACT is numeric since PostgreSQL 14: far slower to compute and to sort)
  const minutes = (col: string) => `date_part('epoch', i."${col}" - i."firstSeen") / 60`;
  // both percentiles from one sort per figure
  const stats = FIGURES.map((f) => `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${f}) AS ${f}_pct, count(${f})::int AS ${f}_n`).join(",\n       ");
  const base = `SELECT ${GROUP[groupBy]} AS g,
              date_trunc('week', i."firstSeen" AT TIME ZONE 'UTC')::date AS week,
              ${openStatusSql("i")} AS open,
              i.status = 'false_positive' AS fp,
              CASE WHEN i.status IN ('resolved', 'false_positive') THEN COALESCE(i.disposition->>'verdict', CASE WHEN i.status = 'false_positive' THEN 'false_positive' END, '-') END AS verdict,
              i.disposition->>'outcome' AS outcome,
              CASE WHEN i.status <> 'false_positive' THEN ${minutes("acknowledgedAt")} END AS tta,
              CASE WHEN i.status <> 'false_positive' THEN ${minutes("containedAt")} END AS ttc,
              CASE WHEN i.status <> 'false_positive' THEN ${minutes("resolvedAt")} END AS ttr,
              CASE WHEN i.status = 'false_positive' THEN ${minutes("resolvedAt")} END AS tfp
       FROM incidents i
       LEFT JOIN teams t ON t.id = i."teamId"
       WHERE i."mergedIntoId" IS NULL AND i."firstSeen" >= $1 AND i."firstSeen" < $2 ${inScope}`;
  // the period's figures and the weekly ones in one pass; the percentiles sort each group's figures:
  // give those sorts memory rather than disk
  const res = await withTransaction(async (client) => {
    await client.query(`SET LOCAL work_mem = '32MB'`);
    return client.query(
      `SELECT g, week, count(*)::int AS count, count(*) FILTER (WHERE open)::int AS open, count(*) FILTER (WHERE fp)::int AS fps,
         count(*) FILTER (WHERE verdict = 'true_positive')::int AS v_tp, count(*) FILTER (WHERE verdict = 'benign')::int AS v_benign,
         count(*) FILTER (WHERE verdict = 'false_positive')::int AS v_fp, count(*) FILTER (WHERE verdict = '-')::int AS v_none,
         count(*) FILTER (WHERE outcome = 'contained')::int AS o_contained, count(*) FILTER (WHERE outcome = 'no_action_needed')::int AS o_none,
         count(*) FILTER (WHERE outcome = 'other')::int AS o_other, ${stats}
       FROM (${base}) b
       GROUP BY GROUPING SETS ((g), (g, week))
       ORDER BY g, week NULLS FIRST`,
      args,
    );
  });
  const groups = new Map<string, TResponseGroup>();
  const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
  const duration = (r: Record<string, unknown>, f: (typeof FIGURES)[number]): TDuration => {
    const pct = r[`${f}_pct`] as (number | null)[] | null;
    return { median: round(pct?.[0]), p90: round(pct?.[1]), n: (r[`${f}_n`] as number) ?? 0 };
  };
  for (const r of res.rows) {
    if (r.week === null) {
      groups.set(r.g, {
        group: r.g,
        count: r.count,
        open: r.open,
        falsePositives: r.fps,
        mtta: duration(r, "tta"),
        mttc: duration(r, "ttc"),
        mttr: duration(r, "ttr"),
        falsePositiveTime: duration(r, "tfp"),
        closedAs: { truePositive: r.v_tp, benign: r.v_benign, falsePositive: r.v_fp, contained: r.o_contained, noActionNeeded: r.o_none, other: r.o_other, unrecorded: r.v_none },
        weeks: [],
      });
    } else {
      groups.get(r.g)?.weeks.push({ week: isoDay(r.week), count: r.count, mtta: duration(r, "tta"), mttc: duration(r, "ttc"), mttr: duration(r, "ttr") });
    }
  }
  const order = groupBy === "tier" ? ["critical", "high", "other"] : null;
  return [...groups.values()].sort((a, b) => (order ? order.indexOf(a.group) - order.indexOf(b.group) : a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
