// Incident reads: the queue in DESIGN.md order (score, severity, last seen, id) with filters
// and a keyset cursor, and one incident with its alerts. Team scoping is part of the query.
import type { TScope } from "../auth/scope";
import type { TDisposition, TEscalation, TResolvedBy } from "../domain/resolution";
import type { TMatchedEvidence } from "../incidents/match-evidence";
import type { TScoreBreakdown } from "../incidents/score-incident";
import type { TQueueFilters } from "../incidents/queue-filters";
import type { TSensitivity } from "../inventory/types";
import type { TIncidentTier } from "../domain/incident-tier";
import type { TAlertRow } from "./alerts";
import { SHOWN_FIELDS, type TTermField } from "../domain/alert-terms";
import { pgPool } from "./pg";
import { SLA_COLUMNS, SLA_CONDITION, SLA_JOIN } from "./sla";
import { ACCEPTED_COLUMNS, ACCEPTED_CONDITION, ACCEPTED_JOIN, type TAcceptedOnIncident } from "./accepted-risks";
import { argList, scopeCondition } from "./scope-sql";

/** The queue's filters (lib/incidents/queue-filters.ts), with status and severity parsed into lists, and paging. */
export type TIncidentFilter = Omit<TQueueFilters, "status" | "severity"> & {
  status?: string[];
  severity?: string[];
  limit: number;
  after?: { score: number; severityRank: number; lastSeen: string; id: string };
};

export interface TIncidentRow {
  id: string;
  clusterId: string;
  cluster: string;
  currentSnapshotId: string | null;
  workloadKey: string;
  workloadKind: string;
  namespace: string | null;
  workloadName: string;
  teamId: string | null;
  team: string | null;
  notInInventory: boolean;
  resolvedBy: TResolvedBy | null;
  resolution: { kind: string; name: string; unseenReplicaSet?: boolean } | null;
  title: string;
  severity: string;
  severityRank: number;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  score: number;
  scoreBreakdown: TScoreBreakdown | null;
  alertCount: number;
  firstSeen: Date;
  lastSeen: Date;
  snapshotAtFirstAlert: string | null;
  mitreTactics: string[];
  acknowledgedAt: Date | null;
  containedAt: Date | null;
  resolvedAt: Date | null;
  disposition: TDisposition | null;
  /** a developer's escalation, until an analyst clears it */
  escalation: TEscalation | null;
  mergedIntoId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** the workload's stored reachable paths in the current snapshot, if it is there */
  reachable: { p: number[][] } | null;
  tierCounts: Record<TSensitivity, number> | null;
  /** written once at open (lib/domain/incident-tier.ts) */
  tier: TIncidentTier;
  /** the running SLA clock (lib/db/sla.ts): none once contained or closed */
  slaClock: "acknowledge" | "contain" | null;
  slaDueAt: Date | null;
  slaTargetMinutes: number | null;
  slaState: "breached" | "at_risk" | "ok" | null;
  /** the active accepted risks of its workload (lib/db/accepted-risks.ts), null when none */
  acceptedRisk: TAcceptedOnIncident | null;
  /** with a search: the first alert value that matched it, when the match is inside the alerts */
  matchedTerm?: { field: TTermField; value: string } | null;
}

/**
 * The stored workload that scores an incident, in SQL: for a pod the inventory does not show, its
 * namespace's stand-in (lib/incidents/unknown-pod.ts scoredWorkloadKey says the same; the
 * unknown-pod tests check that a listed incident gets the stand-in's reachable assets).
 */
const SCORED_WORKLOAD_KEY_SQL = `CASE WHEN i."notInInventory" AND i."workloadKind" = 'Pod' AND i.namespace IS NOT NULL THEN 'UnknownPod/' || i.namespace || '/default' ELSE i."workloadKey" END`;

const selectSql = (extraColumns = "") => `SELECT i.*, c.name AS cluster, c."currentSnapshotId", t.name AS team, u.name AS "assigneeName",
    w.reachable, w."tierCounts", ${SLA_COLUMNS}, ${ACCEPTED_COLUMNS}${extraColumns}
  FROM incidents i
  JOIN clusters c ON c.id = i."clusterId"
  LEFT JOIN teams t ON t.id = i."teamId"
  LEFT JOIN users u ON u.id = i."assigneeId"
  LEFT JOIN workloads w ON w."snapshotId" = c."currentSnapshotId" AND w.key = ${SCORED_WORKLOAD_KEY_SQL}
  ${SLA_JOIN}
  ${ACCEPTED_JOIN}`;
const SELECT = selectSql();

/** up to this many incidents found by a search are read by id; more, and the queue order is walked */
const SEARCH_FEW = 200;

export async function listIncidents(f: TIncidentFilter, scope: TScope): Promise<TIncidentRow[]> {
  const args: unknown[] = [];
  const arg = argList(args);
  const where: string[] = [`i."mergedIntoId" IS NULL ${scopeCondition(scope, `i."teamId"`, arg)}`];
  let matched = "";
  if (f.status?.length) where.push(`i.status = ANY(${arg(f.status)}::text[])`);
  if (f.severity?.length) where.push(`i.severity = ANY(${arg(f.severity)}::text[])`);
  if (f.team) where.push(`t.name = ${arg(f.team)}`);
  if (f.namespace) where.push(`i.namespace = ${arg(f.namespace)}`);
  if (f.cluster) where.push(`c.name = ${arg(f.cluster)}`);
  if (f.tactic) where.push(`${arg(f.tactic)} = ANY(i."mitreTactics")`);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const q = arg(pattern);
    // The incident's terms (its rules, workload and alert values, trigram-indexed) in two steps,
    // because no single plan serves both kinds of word: a rare one is found by the index and the
    // queue reads those few incidents by id; a common one (more than SEARCH_FEW incidents) is
    // checked incident by incident down the queue order, which meets 50 matches early.
    const few = await pgPool().query(`SELECT DISTINCT "incidentId" FROM incident_terms WHERE value ILIKE $1 LIMIT ${SEARCH_FEW + 1}`, [pattern]);
    if (few.rows.length <= SEARCH_FEW) where.push(`i.id = ANY(${arg(few.rows.map((r: { incidentId: string }) => r.incidentId))}::text[])`);
    else where.push(`EXISTS (SELECT 1 FROM incident_terms t WHERE t."incidentId" = i.id AND t.value ILIKE ${q})`);
    matched = `, (SELECT json_build_object('field', t.field, 'value', t.value) FROM incident_terms t
      WHERE t."incidentId" = i.id AND t.value ILIKE ${q} AND t.field <> ALL(${arg([...SHOWN_FIELDS])}::text[])
      AND NOT (i.title ILIKE ${q} OR i."workloadKey" ILIKE ${q}) ORDER BY t.field, t.value LIMIT 1) AS "matchedTerm"`;
  }
  if (f.reachesCritical) where.push(`COALESCE((w."tierCounts"->>'critical')::int, 0) > 0`);
  if (f.sla === "breached" || f.sla === "at-risk") where.push(SLA_CONDITION[f.sla]);
  if (f.accepted === "hide") where.push(`NOT ${ACCEPTED_CONDITION}`);
  if (f.accepted === "only") where.push(ACCEPTED_CONDITION);
  if (f.escalated === "only") where.push(`i.escalation IS NOT NULL`);
  if (f.escalated === "hide") where.push(`i.escalation IS NULL`);
  if (f.after) {
    const [s, r, l, id] = [arg(f.after.score), arg(f.after.severityRank), arg(f.after.lastSeen), arg(f.after.id)];
    where.push(`(i.score < ${s} OR (i.score = ${s} AND (i."severityRank" < ${r} OR (i."severityRank" = ${r} AND
      (i."lastSeen" < ${l}::timestamptz OR (i."lastSeen" = ${l}::timestamptz AND i.id > ${id}))))))`);
  }
  const sql = `${selectSql(matched)} WHERE ${where.join(" AND ")}
    ORDER BY i.score DESC, i."severityRank" DESC, i."lastSeen" DESC, i.id LIMIT ${arg(f.limit)}`;
  return (await pgPool().query(sql, args)).rows;
}

/** One incident; a merged one resolves to the incident it was merged into. Null when absent or out of scope. */
export async function findIncident(id: string, scope: TScope): Promise<TIncidentRow | null> {
  let current = id;
  for (let hop = 0; hop < 5; hop++) {
    const res = await pgPool().query(`${SELECT} WHERE i.id = $1`, [current]);
    const row: TIncidentRow | undefined = res.rows[0];
    if (!row) return null;
    if (row.mergedIntoId) {
      current = row.mergedIntoId;
      continue;
    }
    if (!scope.all && (!row.teamId || !scope.teamIds.includes(row.teamId))) return null;
    return row;
  }
  return null;
}

/** An incident's alert as the incident page shows it: the stored row (lib/db/alerts.ts) with its id, parsed. */
export type TIncidentAlertRow = Omit<TAlertRow, "activity" | "raw" | "dedupeKey" | "incidentId" | "workloadKey" | "evidence" | "eventType"> & {
  id: string;
  eventType: string | null;
  /** the sensor's payload, masked: attacker-controlled, shown as text only */
  raw: unknown;
  /** the attack-graph steps this alert shows (lib/incidents/match-evidence.ts) */
  evidence: TMatchedEvidence[] | null;
};

/** The columns of an alert as TIncidentAlertRow has them. */
export const ALERT_COLUMNS = `id::text, "time", "timeNs", source, "eventType", rule, severity, tags, "mitreTechniques", "mitreTactics",
       hostname, namespace, pod, container, "containerId", image, "procName", "procCmdline", "procParent", "procUser",
       "procPid", "execId", "parentExecId", "auditUser", "peerIp", "peerPort", protocol, file, capabilities, output, raw, evidence`;

/** The alerts of an incident in scope (none when the incident is outside it). */
export async function incidentAlerts(incidentId: string, scope: TScope, limit = 500): Promise<TIncidentAlertRow[]> {
  const args: unknown[] = [incidentId, limit];
  const inScope = scopeCondition(scope, `i."teamId"`, argList(args));
  const res = await pgPool().query(
    `SELECT ${ALERT_COLUMNS}
     FROM alerts WHERE "incidentId" = $1 AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = $1 ${inScope})
     ORDER BY "time" DESC, id DESC LIMIT $2`,
    args,
  );
  return res.rows;
}
