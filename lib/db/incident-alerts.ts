// An incident's alerts at volume: pages newest first with a keyset cursor, identical alerts
// grouped (same rule, process, command line and file) with their count and first/last seen, and
// counts over time. The caller has already found the incident in the actor's scope.
import type { TAlertCursor, TBucket } from "../domain/alert-paging";
import { BUCKETS } from "../domain/alert-paging";
import { ALERT_COLUMNS, type TIncidentAlertRow } from "./incidents-read";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";
import type { TScope } from "../auth/scope";

/** What makes two alerts "the same" for grouping; json keeps a missing field apart from an empty one. */
const GROUP_KEY = `md5(json_build_array(rule, "procName", "procCmdline", file)::text)`;

export type TAlertPageRow = TIncidentAlertRow & { cursorTime: string; groupKey: string };

/** One page of an incident's alerts, newest first; `groupKey` narrows to one group. */
export async function pageIncidentAlerts(incidentId: string, opts: { limit: number; before?: TAlertCursor; groupKey?: string }): Promise<TAlertPageRow[]> {
  const args: unknown[] = [incidentId];
  const arg = argList(args);
  const where = [`"incidentId" = $1`];
  if (opts.groupKey) where.push(`${GROUP_KEY} = ${arg(opts.groupKey)}`);
  if (opts.before) where.push(`("time", id) < (${arg(opts.before.t)}::timestamptz, ${arg(opts.before.k)}::bigint)`);
  const res = await pgPool().query(
    `SELECT ${ALERT_COLUMNS}, "time"::text AS "cursorTime", ${GROUP_KEY} AS "groupKey"
     FROM alerts WHERE ${where.join(" AND ")} ORDER BY "time" DESC, id DESC LIMIT ${arg(opts.limit)}`,
    args,
  );
  return res.rows;
}

export type TAlertGroupRow = {
  groupKey: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
  cursorTime: string;
  /** the group's newest alert, in full */
  latest: TIncidentAlertRow;
};

/** Groups of identical alerts, the most recently active first, each with its newest alert. */
export async function groupIncidentAlerts(incidentId: string, opts: { limit: number; after?: TAlertCursor }): Promise<TAlertGroupRow[]> {
  const args: unknown[] = [incidentId];
  const arg = argList(args);
  const after = opts.after ? `WHERE ("lastTime", "groupKey") < (${arg(opts.after.t)}::timestamptz, ${arg(opts.after.k)})` : "";
  const res = await pgPool().query(
    `SELECT * FROM (
       SELECT DISTINCT ON ("groupKey") *, "time" AS "lastTime" FROM (
         SELECT ${ALERT_COLUMNS}, ${GROUP_KEY} AS "groupKey", "time"::text AS "cursorTime",
           count(*) OVER w AS "groupCount", min("time") OVER w AS "groupFirst"
         FROM alerts WHERE "incidentId" = $1
         WINDOW w AS (PARTITION BY ${GROUP_KEY})
       ) a ORDER BY "groupKey", "time" DESC, id DESC
     ) g ${after}
     ORDER BY "lastTime" DESC, "groupKey" DESC LIMIT ${arg(opts.limit)}`,
    args,
  );
  return res.rows.map((r) => {
    const { groupKey, groupCount, groupFirst, lastTime, cursorTime, ...latest } = r;
    return { groupKey, count: Number(groupCount), firstSeen: groupFirst, lastSeen: lastTime, cursorTime, latest };
  });
}

/** How many groups and alerts the incident holds (for "12 kinds of alert in 840"). */
export async function countIncidentAlerts(incidentId: string): Promise<{ alerts: number; groups: number; first: Date | null; last: Date | null }> {
  const res = await pgPool().query(
    `SELECT count(*)::int AS alerts, count(DISTINCT ${GROUP_KEY})::int AS groups, min("time") AS first, max("time") AS last
     FROM alerts WHERE "incidentId" = $1`,
    [incidentId],
  );
  return res.rows[0];
}

/** Alert counts of one incident per bucket and severity. */
export async function incidentHistogramRows(incidentId: string, bucket: TBucket): Promise<{ t: Date; counts: Record<string, number> }[]> {
  const res = await pgPool().query(
    `SELECT b AS t, json_object_agg(severity, n) AS counts FROM (
       SELECT date_bin(make_interval(secs => $2), "time", 'epoch'::timestamptz) AS b, severity, count(*)::int AS n
       FROM alerts WHERE "incidentId" = $1 GROUP BY 1, 2
     ) x GROUP BY b ORDER BY b`,
    [incidentId, BUCKETS[bucket]],
  );
  return res.rows;
}

/**
 * Alerts that joined incidents in a time range, per bucket and per severity or rule, in the
 * caller's scope (a developer counts their teams' incidents only). Activity events are not alerts.
 */
export async function alertHistogramRows(
  scope: TScope,
  opts: { from: Date; to: Date; bucket: TBucket; by: "severity" | "rule"; cluster?: string },
): Promise<{ t: Date; counts: Record<string, number> }[]> {
  const args: unknown[] = [opts.from.toISOString(), opts.to.toISOString(), BUCKETS[opts.bucket]];
  const arg = argList(args);
  const joins: string[] = [];
  const where = [`a."time" >= $1::timestamptz`, `a."time" < $2::timestamptz`, `NOT a.activity`, `a."incidentId" IS NOT NULL`];
  if (!scope.all) {
    joins.push(`JOIN incidents i ON i.id = a."incidentId"`);
    where.push(`TRUE ${scopeCondition(scope, `i."teamId"`, arg)}`);
  }
  if (opts.cluster) {
    joins.push(`JOIN clusters c ON c.id = a."clusterId"`);
    where.push(`c.name = ${arg(opts.cluster)}`);
  }
  const column = opts.by === "rule" ? "a.rule" : "a.severity";
  const res = await pgPool().query(
    `SELECT b AS t, json_object_agg(k, n) AS counts FROM (
       SELECT date_bin(make_interval(secs => $3), a."time", 'epoch'::timestamptz) AS b, ${column} AS k, count(*)::int AS n
       FROM alerts a ${joins.join(" ")} WHERE ${where.join(" AND ")} GROUP BY 1, 2
     ) x GROUP BY b ORDER BY b`,
    args,
  );
  return res.rows;
}
