// Folds freshly stored alerts into incidents: per workload, correlate with its open incident,
// then create or update incidents with their new score, and link each alert to its incident
// and to the attack-path steps it exercised.
import type pg from "pg";
import type { TNormalizedAlert } from "../alerts/types";
import { evidenceOf } from "../alerts";
import { openIncidents, writeIncidents, type TIncidentWrite } from "../db/incident-writes";
import type { TClusterState } from "../db/resolve-workloads";
import { correlate } from "./correlate";
import { matchEvidence, type TMatchedEvidence } from "./match-evidence";
import { scoreIncident } from "./score-incident";
import { severityRank, SEVERITY_ORDER } from "./severity";
import type { TResolvedTarget } from "./resolve-targets";
import { workloadPaths } from "./workload-paths";

export interface TFreshAlert {
  alert: TNormalizedAlert;
  target: TResolvedTarget;
}

export interface TPlacement {
  incidentId: string;
  workloadKey: string;
  evidence: TMatchedEvidence[];
}

async function evidenceFor(items: TFreshAlert[], target: TResolvedTarget, snapshotId: string | null): Promise<Map<string, TMatchedEvidence[]>> {
  const out = new Map<string, TMatchedEvidence[]>();
  const raw = items.map((f) => ({ f, ev: evidenceOf(f.alert) })).filter((x) => x.ev.length > 0);
  if (raw.length === 0) return out;
  const paths = target.workload && snapshotId ? await workloadPaths(snapshotId, target.workload.reachable) : [];
  for (const { f, ev } of raw) out.set(f.alert.dedupeKey, matchEvidence(ev, paths, { namespace: f.alert.namespace, pod: f.alert.pod }));
  return out;
}

/** Plans and writes incidents for new alerts (the caller holds the workload locks); returns each alert's placement by dedupe key. */
export async function foldIntoIncidents(client: pg.PoolClient, state: TClusterState, alerts: TFreshAlert[], windowMs: number): Promise<Map<string, TPlacement>> {
  const placed = new Map<string, TPlacement>();
  if (alerts.length === 0) return placed;
  const byKey = new Map<string, TFreshAlert[]>();
  for (const a of alerts) {
    const list = byKey.get(a.target.key);
    if (list) list.push(a);
    else byKey.set(a.target.key, [a]);
  }
  const open = await openIncidents(client, state.clusterId, [...byKey.keys()]);
  const writes: TIncidentWrite[] = [];
  const members: { group: TFreshAlert[]; key: string; evidence: Map<string, TMatchedEvidence[]> }[] = [];
  for (const [key, items] of byKey) {
    const target = items[0].target;
    const existing = open.get(key) ?? null;
    const evidence = await evidenceFor(items, target, state.snapshotId);
    for (const group of correlate(items.map((f) => ({ ...f, time: f.alert.time })), existing, windowMs)) {
      const current = group.incidentId ? existing : null;
      const worst = group.alerts.reduce((w, a) => (severityRank(a.alert.severity) > severityRank(w.alert.severity) ? a : w));
      const rank = Math.max(severityRank(worst.alert.severity), current?.severityRank ?? -1);
      const exercised = group.alerts.some((a) => (evidence.get(a.alert.dedupeKey) ?? []).some((e) => e.step !== null));
      const boosted = exercised || (current?.scoreBreakdown?.evidenceBoost ?? 1) > 1;
      const scored = scoreIncident({ blast: target.workload, severity: SEVERITY_ORDER[rank], evidence: boosted, basis: target.basis });
      writes.push({
        id: group.incidentId,
        clusterId: state.clusterId,
        workloadKey: key,
        workloadKind: target.kind,
        namespace: target.namespace,
        workloadName: target.name,
        teamId: target.workload?.teamId ?? null,
        notInInventory: target.basis === "not_in_inventory",
        title: worst.alert.rule,
        severity: worst.alert.severity,
        severityRank: severityRank(worst.alert.severity),
        score: scored.score,
        scoreBreakdown: scored.breakdown,
        addAlerts: group.alerts.length,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        snapshotId: state.snapshotId,
        mitreTactics: group.alerts.flatMap((a) => a.alert.mitre.tactics),
      });
      members.push({ group: group.alerts, key, evidence });
    }
  }
  const ids = await writeIncidents(client, writes);
  members.forEach(({ group, key, evidence }, i) => {
    for (const a of group) placed.set(a.alert.dedupeKey, { incidentId: ids[i], workloadKey: key, evidence: evidence.get(a.alert.dedupeKey) ?? [] });
  });
  return placed;
}
