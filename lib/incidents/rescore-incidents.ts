// A new inventory snapshot re-scores the cluster's open incidents, re-resolves those whose pod
// the previous inventory did not know (DESIGN.md "Incident"), and checks the matches made for pods
// newer than the inventory (sensor, controller name, labels) once an inventory lists their pods:
// confirmed, or moved to the workload the pods really belong to; audited either way.
import type pg from "pg";
import { alertPodsOf, controllersIn, resolvePods, workloadScores } from "../db/resolve-workloads";
import { newPodKey } from "../graph/blast-radius";
import { ownerByPodName } from "../graph/pod-name-owner";
import { scoreIncident } from "./score-incident";
import { OPEN_STATUS_SQL } from "../db/open-incidents-sql";

interface TOpenRow {
  id: string;
  workloadKey: string;
  workloadKind: string;
  namespace: string | null;
  workloadName: string;
  notInInventory: boolean;
  resolvedBy: string | null;
  severity: string;
  scoreBreakdown: { evidenceBoost?: number; basis?: string } | null;
}

/** `moved`: incidents put on another workload (not closed). Runs in the upload's transaction, under its cluster lock, so it always scores against the snapshot it made current. */
export async function rescoreOpenIncidents(client: pg.PoolClient, clusterId: string, snapshotId: string): Promise<{ rescored: number; moved: number }> {
  {
    const open: TOpenRow[] = (
      await client.query(
        `SELECT id, "workloadKey", "workloadKind", namespace, "workloadName", "notInInventory", "resolvedBy", severity, "scoreBreakdown"
         FROM incidents WHERE "clusterId" = $1 AND ${OPEN_STATUS_SQL} AND "mergedIntoId" IS NULL`,
        [clusterId],
      )
    ).rows;
    if (open.length === 0) return { rescored: 0, moved: 0 };
    const unknownPods = open.filter((r) => r.notInInventory && r.workloadKind === "Pod" && r.namespace);
    const pods = await resolvePods(client, snapshotId, unknownPods.map((r) => ({ namespace: r.namespace!, name: r.workloadName })));
    // still unlisted: the controller that named the pod, if the new snapshot knows it
    const stillUnknown = unknownPods.filter((r) => !pods.has(`${r.namespace}/${r.workloadName}`));
    const controllers = await controllersIn(client, snapshotId, [...new Set(stillUnknown.map((r) => r.namespace!))]);
    const named = new Map<string, { workloadKey: string; via: { kind: string; name: string } }>();
    for (const r of stillUnknown) {
      const match = ownerByPodName(r.workloadName, controllers.filter((c) => c.namespace === r.namespace));
      if (match) named.set(`${r.namespace}/${r.workloadName}`, match);
    }
    const checked = await checkInferredMatches(client, snapshotId, open);
    const keyOf = (r: TOpenRow) =>
      checked.get(r.id) ??
      (r.notInInventory && r.namespace
        ? (pods.get(`${r.namespace}/${r.workloadName}`)?.workloadKey ?? named.get(`${r.namespace}/${r.workloadName}`)?.workloadKey ?? r.workloadKey)
        : r.workloadKey);
    const resolvedByOf = (r: TOpenRow) =>
      checked.has(r.id)
        ? "pod"
        : !r.notInInventory || !r.namespace
          ? null
          : pods.has(`${r.namespace}/${r.workloadName}`)
            ? "pod"
            : named.has(`${r.namespace}/${r.workloadName}`)
              ? "controller_name"
              : null;
    // a pod still unknown is scored as a new pod of its namespace, and stays where it is
    const standInOf = (r: TOpenRow) => (r.workloadKind === "Pod" && r.namespace ? newPodKey(r.namespace) : null);
    const scores = await workloadScores(client, snapshotId, [...new Set([...open.map(keyOf), ...open.map(standInOf).filter((k): k is string => k !== null)])]);
    const updates = open.map((r) => {
      const w = scores.get(keyOf(r)) ?? null;
      const standIn = w ? null : (scores.get(standInOf(r) ?? "") ?? null);
      const basis = w ? "workload" : r.workloadKind === "Node" ? "node" : r.workloadKind === "User" ? "user" : "not_in_inventory";
      const scored = scoreIncident({ blast: w ?? standIn, severity: r.severity, evidence: (r.scoreBreakdown?.evidenceBoost ?? 1) > 1, basis });
      return { r, w, standIn, scored };
    });
    await client.query(
      `UPDATE incidents i SET score = u.score, "scoreBreakdown" = u.breakdown::jsonb, "workloadKey" = u.key, "workloadKind" = u.kind,
         namespace = u.ns, "workloadName" = u.name, "teamId" = COALESCE(u.team, i."teamId"), "notInInventory" = u.unknown,
         "resolvedBy" = COALESCE(u.resolved_by, i."resolvedBy"),
         resolution = CASE WHEN u.resolved_by = 'pod' THEN NULL ELSE COALESCE(u.resolution::jsonb, i.resolution) END, "updatedAt" = now()
       FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::text[], $11::text[])
         AS u(id, score, breakdown, key, kind, ns, name, team, unknown, resolved_by, resolution)
       WHERE i.id = u.id`,
      [
        updates.map((u) => u.r.id),
        updates.map((u) => u.scored.score),
        updates.map((u) => JSON.stringify(u.scored.breakdown)),
        updates.map((u) => u.w?.key ?? u.r.workloadKey),
        updates.map((u) => u.w?.kind ?? u.r.workloadKind),
        updates.map((u) => u.w?.namespace ?? u.r.namespace),
        updates.map((u) => u.w?.name ?? u.r.workloadName),
        updates.map((u) => u.w?.teamId ?? u.standIn?.teamId ?? null),
        updates.map((u) => !u.w && u.scored.breakdown.basis === "not_in_inventory"),
        updates.map((u) => (u.w ? resolvedByOf(u.r) : null)),
        updates.map((u) => {
          const m = u.w && resolvedByOf(u.r) === "controller_name" ? named.get(`${u.r.namespace}/${u.r.workloadName}`) : undefined;
          return m ? JSON.stringify(m.via) : null;
        }),
      ],
    );
    const moved = updates.filter((u) => u.w && u.w.key !== u.r.workloadKey);
    if (moved.length) {
      await client.query(
        `UPDATE alerts a SET "workloadKey" = u.key FROM unnest($1::text[], $2::text[]) AS u(id, key) WHERE a."incidentId" = u.id`,
        [moved.map((u) => u.r.id), moved.map((u) => u.w!.key)],
      );
      // each move is audited on the incident: its activity says where it went and why
      await client.query(
        `INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details)
         SELECT 'system', NULL, 'system', 'incident.workload_resolved', 'incident', u.id, u.details::jsonb
         FROM unnest($1::text[], $2::text[]) AS u(id, details)`,
        [
          moved.map((u) => u.r.id),
          moved.map((u) => JSON.stringify({ from: u.r.workloadKey, to: u.w!.key, resolvedBy: resolvedByOf(u.r), was: u.r.resolvedBy, snapshotId })),
        ],
      );
    }
    // an inferred match the new inventory bears out: said on the incident once
    const confirmed = updates.filter((u) => u.w && u.w.key === u.r.workloadKey && checked.has(u.r.id));
    if (confirmed.length) {
      await client.query(
        `INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details)
         SELECT 'system', NULL, 'system', 'incident.workload_confirmed', 'incident', u.id, u.details::jsonb
         FROM unnest($1::text[], $2::text[]) AS u(id, details)`,
        [confirmed.map((u) => u.r.id), confirmed.map((u) => JSON.stringify({ workload: u.w!.key, was: u.r.resolvedBy, snapshotId }))],
      );
    }
    return { rescored: updates.length, moved: moved.length };
  }
}

const INFERRED = new Set(["sensor", "controller_name", "labels"]);

/**
 * Incidents matched to a workload by inference (sensor, controller name, labels) whose alerting
 * pods the new snapshot lists: incident id → the workload those pods belong to. Pods listed under
 * two workloads decide nothing; pods gone again (a finished Job run) leave the match as it was.
 */
async function checkInferredMatches(client: pg.PoolClient, snapshotId: string, open: TOpenRow[]): Promise<Map<string, string>> {
  const inferred = open.filter((r) => r.resolvedBy && INFERRED.has(r.resolvedBy));
  const out = new Map<string, string>();
  if (inferred.length === 0) return out;
  const podsOf = await alertPodsOf(client, inferred.map((r) => r.id));
  const listed = await resolvePods(client, snapshotId, [...podsOf.values()].flat());
  for (const r of inferred) {
    const keys = new Set((podsOf.get(r.id) ?? []).map((p) => listed.get(`${p.namespace}/${p.name}`)?.workloadKey).filter((k): k is string => Boolean(k)));
    if (keys.size === 1) out.set(r.id, [...keys][0]);
  }
  return out;
}
