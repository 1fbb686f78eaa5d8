// The API shapes of an incident: a queue item (DESIGN.md API table) and the full record.
import type { TIncidentRow } from "../db/incidents-read";
import { expandReachable } from "../snapshots/compact-snapshot";
import { snapshotGraph } from "../snapshots/graph-cache";
import { incidentWorkloadId } from "../snapshots/workload-id";
import { userNameByEmail } from "../db/users";

const REACHABLE_IN_LIST = 5;

export function encodeIncidentCursor(row: TIncidentRow): string {
  return Buffer.from(JSON.stringify([row.score, row.severityRank, new Date(row.lastSeen).toISOString(), row.id])).toString("base64url");
}

export function decodeIncidentCursor(cursor: string) {
  try {
    const [score, severityRank, lastSeen, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof score !== "number" || typeof severityRank !== "number" || typeof id !== "string" || Number.isNaN(Date.parse(lastSeen))) return null;
    return { score, severityRank, lastSeen: String(lastSeen), id };
  } catch {
    return null;
  }
}

/** The incident's nearest reachable assets, expanded from its snapshot's (cached) vertex dictionary: the one read presenting needs. */
export async function reachableOf(row: TIncidentRow, limit = REACHABLE_IN_LIST) {
  if (!row.reachable || !row.currentSnapshotId) return [];
  const decoded = await snapshotGraph(row.currentSnapshotId);
  if (!decoded) return [];
  return expandReachable({ p: row.reachable.p.slice(0, limit) }, decoded.graph.v, decoded.assets);
}

type TReachableShown = Awaited<ReturnType<typeof reachableOf>>;

/** A queue item (pure: the reachable assets are read by reachableOf). */
export function presentIncidentItem(row: TIncidentRow, reachable: TReachableShown) {
  return {
    id: row.id,
    score: row.score,
    scoreBreakdown: row.scoreBreakdown,
    severity: row.severity,
    title: row.title,
    status: row.status,
    cluster: row.cluster,
    namespace: row.namespace,
    workload: { id: row.workloadKey, kind: row.workloadKind, namespace: row.namespace, name: row.workloadName },
    /** the workload's stable id (its page and API), null for an unknown pod, a user or a node */
    workloadId: incidentWorkloadId(row.cluster, row),
    notInInventory: row.notInInventory,
    /** how the alert's pod was matched to the workload, and by which controller's name */
    resolvedBy: row.resolvedBy,
    resolution: row.resolution,
    team: row.team,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    alertCount: row.alertCount,
    firstSeen: new Date(row.firstSeen).toISOString(),
    lastSeen: new Date(row.lastSeen).toISOString(),
    mitreTactics: row.mitreTactics,
    reachableCounts: row.tierCounts ?? { critical: 0, high: 0, medium: 0, low: 0 },
    reachable: reachable.map(({ asset, type, sensitivity, cost }) => ({ asset, type, sensitivity, cost })),
    /** critical | high | other, as when it opened (DESIGN.md "Incident tier") */
    tier: row.tier,
    /** its workload's active accepted risks: how many, whether one covers the whole workload, the soonest expiry and its owner */
    /** a developer's escalation ({note, by, at}), until an analyst clears it */
    escalation: row.escalation ? { note: row.escalation.note, by: row.escalation.by, at: row.escalation.at } : null,
    acceptedRisk: row.acceptedRisk ? { ...row.acceptedRisk, until: new Date(row.acceptedRisk.until).toISOString() } : null,
    /** the running SLA clock; null once contained or closed */
    sla: row.slaClock && row.slaDueAt ? { clock: row.slaClock, dueAt: new Date(row.slaDueAt).toISOString(), targetMinutes: row.slaTargetMinutes, state: row.slaState } : null,
    /** how a closed incident ended: its verdict and outcome (the note stays on the incident) */
    closedAs: row.disposition ? { verdict: row.disposition.verdict, outcome: row.disposition.outcome ?? null } : null,
    /** with a search `q`: the alert value that matched it ({field, value}), when the match is inside its alerts */
    ...(row.matchedTerm ? { matchedTerm: row.matchedTerm } : {}),
  };
}

/** Queue items: each incident with its nearest reachable assets. */
export async function loadIncidentItems(rows: TIncidentRow[]) {
  return Promise.all(rows.map(async (row) => presentIncidentItem(row, await reachableOf(row))));
}

/** The full record of one incident (reads its reachable assets). */
export async function loadIncidentRecord(row: TIncidentRow) {
  return {
    ...presentIncidentItem(row, await reachableOf(row)),
    acknowledgedAt: row.acknowledgedAt,
    containedAt: row.containedAt,
    resolvedAt: row.resolvedAt,
    // who closed it, by name (the stored `by` is their e-mail or a token's name)
    disposition: row.disposition ? { ...row.disposition, byName: row.disposition.by ? await userNameByEmail(row.disposition.by) : null } : null,
    snapshotAtFirstAlert: row.snapshotAtFirstAlert,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
