// A new inventory snapshot re-scores the cluster's open incidents, re-resolves those whose pod
// the previous inventory did not know (DESIGN.md "Incident"), and checks the matches made for pods
// newer than the inventory (sensor, controller name, labels) once an inventory lists their pods:
// confirmed, or moved to the workload the pods really belong to; audited either way.
import type { TTx } from "../db/pg";
import { auditSystemIncidentEvents, moveIncidentAlerts, openIncidentsOfCluster, writeRescores, type TOpenIncidentForRescore } from "../db/incident-rescore";
import { alertPodsOf, controllersIn, resolvePods, workloadScores } from "../db/resolve-workloads";
import { newPodKey } from "../graph/blast-radius";
import { ownerByPodName } from "../graph/pod-name-owner";
import { scoreIncident } from "./score-incident";

type TOpenRow = TOpenIncidentForRescore;

/** `rescored`: open incidents scored again; `changed`: those whose stored score, workload or match changed; `moved`: incidents put on another workload (not closed). Runs in the upload's transaction, under its cluster lock, so it always scores against the snapshot it made current. */
export async function rescoreOpenIncidents(client: TTx, clusterId: string, snapshotId: string): Promise<{ rescored: number; moved: number; changed: number }> {
  {
    const open: TOpenRow[] = await openIncidentsOfCluster(client, clusterId);
    if (open.length === 0) return { rescored: 0, moved: 0, changed: 0 };
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
    const changed = await writeRescores(
      client,
      updates.map((u) => ({
        id: u.r.id,
        score: u.scored.score,
        breakdown: u.scored.breakdown,
        key: u.w?.key ?? u.r.workloadKey,
        kind: u.w?.kind ?? u.r.workloadKind,
        namespace: u.w?.namespace ?? u.r.namespace,
        name: u.w?.name ?? u.r.workloadName,
        teamId: u.w?.teamId ?? u.standIn?.teamId ?? null,
        unknown: !u.w && u.scored.breakdown.basis === "not_in_inventory",
        resolvedBy: u.w ? resolvedByOf(u.r) : null,
        resolution: (() => {
          const m = u.w && resolvedByOf(u.r) === "controller_name" ? named.get(`${u.r.namespace}/${u.r.workloadName}`) : undefined;
          return m ? m.via : null;
        })(),
      })),
    );
    const moved = updates.filter((u) => u.w && u.w.key !== u.r.workloadKey);
    if (moved.length) {
      await moveIncidentAlerts(client, moved.map((u) => ({ id: u.r.id, key: u.w!.key })));
      // each move is audited on the incident: its activity says where it went and why
      await auditSystemIncidentEvents(
        client,
        "incident.workload_resolved",
        moved.map((u) => ({ id: u.r.id, details: { from: u.r.workloadKey, to: u.w!.key, resolvedBy: resolvedByOf(u.r), was: u.r.resolvedBy, snapshotId } })),
      );
    }
    // an inferred match the new inventory bears out: said on the incident once
    const confirmed = updates.filter((u) => u.w && u.w.key === u.r.workloadKey && checked.has(u.r.id));
    if (confirmed.length) {
      await auditSystemIncidentEvents(
        client,
        "incident.workload_confirmed",
        confirmed.map((u) => ({ id: u.r.id, details: { workload: u.w!.key, was: u.r.resolvedBy, snapshotId } })),
      );
    }
    return { rescored: updates.length, moved: moved.length, changed };
  }
}

const INFERRED = new Set(["sensor", "controller_name", "labels"]);

/**
 * Incidents matched to a workload by inference (sensor, controller name, labels) whose alerting
 * pods the new snapshot lists: incident id → the workload those pods belong to. Pods listed under
 * two workloads decide nothing; pods gone again (a finished Job run) leave the match as it was.
 */
async function checkInferredMatches(client: TTx, snapshotId: string, open: TOpenRow[]): Promise<Map<string, string>> {
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
