// SLAs (DESIGN.md "Managers"): per incident tier, minutes from the first alert to acknowledge and
// to contain. An open incident's clock is the acknowledge one until it is acknowledged, then the
// contain one until it is contained. At risk from 80 % of the target; breached past it. Breaches
// are recorded as rows when they happen (sweepSlaBreaches, every minute and before each read),
// with the target then in force, audited on the incident and announced with NOTIFY sla_breach.
import type pg from "pg";
import type { TActor } from "../auth/actor";
import { INCIDENT_TIERS, type TIncidentTier } from "../domain/incident-tier";
import type { TScope } from "../auth/scope";
import { writeAuditWith } from "./audit";
import { openStatusSql } from "./open-incidents-sql";
import { pgPool, withTransaction } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

export const AT_RISK_FRACTION = 0.8;

/** Joins an incident `i` to its tier's targets as `st`, and to its team's working-time calendar as `slt`. */
export const SLA_JOIN = `LEFT JOIN sla_targets st ON st.tier = i.tier LEFT JOIN teams slt ON slt.id = i."teamId"`;

/**
 * When a clock started at the first alert falls due after `minutes` (an SQL expression): around the
 * clock, or in the owning team's working time when it has a time zone (function sla_business_due,
 * migration 20261202120000). Needs `i` and `slt` (SLA_JOIN).
 */
export function dueSql(minutes: string): string {
  return `CASE WHEN slt."slaTimeZone" IS NULL THEN i."firstSeen" + make_interval(secs => (${minutes}) * 60)
    ELSE sla_business_due(i."firstSeen", (${minutes})::float8, slt."slaTimeZone", slt."slaWorkdays", slt."slaDayStartMinute", slt."slaDayEndMinute") END`;
}
/** The running clock's target in minutes (null when no clock runs). */
const TARGET = `CASE WHEN i."acknowledgedAt" IS NULL THEN st."acknowledgeMinutes" ELSE st."containMinutes" END`;
const RUNNING = `(${openStatusSql("i")} AND i."containedAt" IS NULL AND i."mergedIntoId" IS NULL AND st.tier IS NOT NULL)`;
/** Columns for a query over `i` joined with SLA_JOIN: which clock runs, and when it is due. */
export const SLA_COLUMNS = `CASE WHEN ${RUNNING} THEN (CASE WHEN i."acknowledgedAt" IS NULL THEN 'acknowledge' ELSE 'contain' END) END AS "slaClock",
  CASE WHEN ${RUNNING} THEN ${dueSql(TARGET)} END AS "slaDueAt",
  CASE WHEN ${RUNNING} THEN ${TARGET} END AS "slaTargetMinutes",
  CASE WHEN NOT ${RUNNING} THEN NULL WHEN now() > ${dueSql(TARGET)} THEN 'breached'
       WHEN now() >= ${dueSql(`${TARGET} * ${AT_RISK_FRACTION}`)} THEN 'at_risk' ELSE 'ok' END AS "slaState"`;
/** A condition on `i` joined with SLA_JOIN. */
export const SLA_CONDITION = {
  breached: `(${RUNNING} AND now() > ${dueSql(TARGET)})`,
  "at-risk": `(${RUNNING} AND now() <= ${dueSql(TARGET)} AND now() >= ${dueSql(`${TARGET} * ${AT_RISK_FRACTION}`)})`,
} as const;
export type TSlaFilter = keyof typeof SLA_CONDITION;

export interface TSlaTarget {
  tier: TIncidentTier;
  acknowledgeMinutes: number;
  containMinutes: number;
  updatedByLabel: string | null;
  updatedAt: Date;
}

export async function slaTargets(): Promise<TSlaTarget[]> {
  const res = await pgPool().query(`SELECT tier, "acknowledgeMinutes", "containMinutes", "updatedByLabel", "updatedAt" FROM sla_targets`);
  const byTier = new Map(res.rows.map((r: TSlaTarget) => [r.tier, r]));
  return INCIDENT_TIERS.flatMap((t) => (byTier.has(t) ? [byTier.get(t)!] : []));
}

/** Sets the targets of some tiers; audited with what they were. New targets apply to clocks from now on; recorded breaches stay. */
export async function setSlaTargets(actor: TActor, targets: { tier: TIncidentTier; acknowledgeMinutes: number; containMinutes: number }[], ip: string | null) {
  return withTransaction(async (client) => {
    const before = (await client.query(`SELECT tier, "acknowledgeMinutes", "containMinutes" FROM sla_targets WHERE tier = ANY($1::text[]) FOR UPDATE`, [targets.map((t) => t.tier)])).rows;
    for (const t of targets) {
      await client.query(
        `INSERT INTO sla_targets (tier, "acknowledgeMinutes", "containMinutes", "updatedByLabel", "updatedAt") VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (tier) DO UPDATE SET "acknowledgeMinutes" = EXCLUDED."acknowledgeMinutes", "containMinutes" = EXCLUDED."containMinutes",
           "updatedByLabel" = EXCLUDED."updatedByLabel", "updatedAt" = now()`,
        [t.tier, t.acknowledgeMinutes, t.containMinutes, actor.label],
      );
    }
    await writeAuditWith(client, actor, { action: "sla.targets", targetType: "sla", targetId: null, details: { before, after: targets } }, ip);
  });
}

/**
 * Records every breach that has happened and is not yet recorded: an acknowledge clock past due
 * (still unacknowledged, or acknowledged late) and likewise for containment; each with the target
 * in force now, once per incident and kind. Returns how many it recorded.
 */
export async function sweepSlaBreaches(): Promise<number> {
  lastSweep = Date.now();
  return withTransaction(async (client) => sweepWith(client));
}

let lastSweep = 0;
/** A sweep unless this process swept in the last `maxAgeMs` (reads call it; the minute timer sweeps anyway). */
export async function sweepSlaBreachesIfStale(maxAgeMs = 30_000): Promise<number> {
  return Date.now() - lastSweep > maxAgeMs ? sweepSlaBreaches() : 0;
}

async function sweepWith(client: pg.PoolClient): Promise<number> {
  // one sweeper at a time across replicas; the others skip
  const locked = (await client.query(`SELECT pg_try_advisory_xact_lock(hashtext('blast-radius:sla-sweep')) AS ok`)).rows[0].ok;
  if (!locked) return 0;
  // one statement: the breaches, their audit entries (as writeAuditWith writes them, actor "system")
  // and their notifications — a first sweep over a long history records thousands at once
  const res = await client.query(
    `WITH due AS (
       SELECT i.id, i.tier, i."teamId", k.kind, k.minutes, ${dueSql("k.minutes")} AS "dueAt", k.done
       FROM incidents i
       JOIN sla_targets st ON st.tier = i.tier
       LEFT JOIN teams slt ON slt.id = i."teamId"
       CROSS JOIN LATERAL (VALUES ('acknowledge', st."acknowledgeMinutes", i."acknowledgedAt"), ('contain', st."containMinutes", i."containedAt")) AS k(kind, minutes, done)
       -- open incidents, and closed ones changed lately (a late acknowledgement or containment)
       WHERE i."mergedIntoId" IS NULL AND i."firstSeen" > now() - interval '120 days'
         AND (${openStatusSql("i")} OR i."updatedAt" > now() - interval '1 day')
     ),
     recorded AS (
     INSERT INTO sla_breaches (id, "incidentId", kind, tier, "targetMinutes", "dueAt", "teamId")
     SELECT gen_random_uuid()::text, d.id, d.kind, d.tier, d.minutes, d."dueAt", d."teamId"
     FROM due d JOIN incidents i ON i.id = d.id
     WHERE ((d.done IS NULL AND now() > d."dueAt" AND ${openStatusSql("i")}
             AND NOT (d.kind = 'contain' AND i."containedAt" IS NOT NULL))
         OR (d.done IS NOT NULL AND d.done > d."dueAt"))
       AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b."incidentId" = d.id AND b.kind = d.kind)
     ON CONFLICT ("incidentId", kind) DO NOTHING
     RETURNING "incidentId", kind, tier, "targetMinutes", "dueAt"),
     audited AS (
       INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details, ip)
       SELECT 'system', NULL, 'system', 'incident.sla_breach', 'incident', b."incidentId",
              jsonb_build_object('kind', b.kind, 'tier', b.tier, 'targetMinutes', b."targetMinutes", 'dueAt', to_char(b."dueAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), NULL
       FROM recorded b
       RETURNING 1)
     SELECT count(*)::int AS recorded
     FROM recorded r
     CROSS JOIN LATERAL (SELECT pg_notify('sla_breach', json_build_object('incidentId', r."incidentId", 'kind', r.kind, 'tier', r.tier, 'dueAt', r."dueAt")::text)) n`,
  );
  return res.rows[0].recorded;
}

export interface TSlaIncidentRow {
  id: string;
  title: string;
  tier: TIncidentTier;
  status: string;
  cluster: string;
  workloadName: string;
  namespace: string | null;
  team: string | null;
  assigneeName: string | null;
  score: number;
  slaClock: "acknowledge" | "contain";
  slaDueAt: Date;
  slaTargetMinutes: number;
  slaState: "breached" | "at_risk" | "ok";
  firstSeen: Date;
}

/** Open incidents whose running clock is breached or at risk, the most dangerous tier first, then the most overdue, in scope. */
export async function slaIncidents(which: TSlaFilter, scope: TScope, limit = 200): Promise<TSlaIncidentRow[]> {
  const args: unknown[] = [];
  const arg = argList(args);
  const res = await pgPool().query(
    `SELECT i.id, i.title, i.tier, i.status, c.name AS cluster, i."workloadName", i.namespace, t.name AS team, u.name AS "assigneeName",
            i.score, i."firstSeen", ${SLA_COLUMNS}
     FROM incidents i
     JOIN clusters c ON c.id = i."clusterId"
     LEFT JOIN teams t ON t.id = i."teamId"
     LEFT JOIN users u ON u.id = i."assigneeId"
     ${SLA_JOIN}
     WHERE ${SLA_CONDITION[which]} ${scopeCondition(scope, `i."teamId"`, arg)}
     ORDER BY CASE i.tier WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, "slaDueAt", i.id
     LIMIT ${arg(limit)}`,
    args,
  );
  return res.rows;
}

/** Breaches recorded in a period, per tier and kind (for the weekly review). */
export async function breachCounts(from: Date, to: Date, scope: TScope): Promise<{ tier: string; kind: string; count: number }[]> {
  const args: unknown[] = [from, to];
  const res = await pgPool().query(
    `SELECT b.tier, b.kind, count(*)::int AS count FROM sla_breaches b
     WHERE b."dueAt" >= $1 AND b."dueAt" < $2 ${scopeCondition(scope, `b."teamId"`, argList(args))}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    args,
  );
  return res.rows;
}
