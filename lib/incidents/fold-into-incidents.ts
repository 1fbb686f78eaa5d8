// Folds freshly stored alerts into incidents: per workload, correlate with its open incident,
// then create or update incidents with their new score, and link each alert to its incident
// and to the attack-path steps it exercised. Planning reads only the workloads' stored paths
// (workloadPaths, for evidence); it writes nothing: the caller writes the plan.
import { randomUUID } from "node:crypto";
import type { TNormalizedAlert } from "../alerts/types";
import { evidenceOf } from "../alerts";
import type { TIncidentWrite, TOpenIncidentRow } from "../db/incident-writes";
import type { TClusterState } from "../db/resolve-workloads";
import { correlate } from "./correlate";
import { matchEvidence, type TMatchedEvidence } from "./match-evidence";
import { scoreIncident } from "./score-incident";
import { SEVERITY_BY_RANK, severityRank } from "../alerts/severity";
import type { TResolvedTarget } from "./resolve-targets";
import { workloadPaths } from "./workload-paths";

export interface TFreshAlert {
  alert: TNormalizedAlert;
  target: TResolvedTarget;
  /** the path steps this alert exercised (independent of which incident it joins) */
  evidence: TMatchedEvidence[];
}

export interface TIncidentPlan {
  writes: TIncidentWrite[];
  /** incident id of each alert, by dedupe key */
  placement: Map<string, string>;
  /** ids of the incidents this plan creates */
  created: Set<string>;
}

function groupByKey<T extends { target: TResolvedTarget }>(alerts: T[]): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const a of alerts) {
    const list = byKey.get(a.target.key);
    if (list) list.push(a);
    else byKey.set(a.target.key, [a]);
  }
  return byKey;
}

/** Matches each alert's evidence to its workload's attack-path steps (paths are loaded once per workload). */
export async function withEvidence(alerts: { alert: TNormalizedAlert; target: TResolvedTarget }[], snapshotId: string | null): Promise<TFreshAlert[]> {
  const out: TFreshAlert[] = [];
  for (const items of groupByKey(alerts).values()) {
    const target = items[0].target;
    const raw = items.map((f) => ({ f, ev: evidenceOf(f.alert) }));
    const needPaths = raw.some((x) => x.ev.length > 0) && target.workload && snapshotId;
    const paths = needPaths ? await workloadPaths(snapshotId, target.workload!.reachable) : [];
    for (const { f, ev } of raw) out.push({ ...f, evidence: ev.length ? matchEvidence(ev, paths, { namespace: f.alert.namespace, pod: f.alert.pod }) : [] });
  }
  return out;
}

/**
 * Plans the incident writes for new alerts given each workload's open incident. A new incident
 * takes the id `preferred` gave its earliest alert (ids an earlier plan meant to create, never an
 * existing incident's), so a plan made again under the locks keeps the ids alerts were stored with.
 */
export function planIncidents(
  state: TClusterState,
  alerts: TFreshAlert[],
  open: Map<string, TOpenIncidentRow>,
  windowMs: number,
  preferred: Map<string, string> = new Map(),
): TIncidentPlan {
  const writes: TIncidentWrite[] = [];
  const placement = new Map<string, string>();
  const created = new Set<string>();
  const existingIds = new Set([...open.values()].map((o) => o.id));
  const taken = new Set<string>();
  for (const [key, items] of groupByKey(alerts)) {
    const target = items[0].target;
    const existing = open.get(key) ?? null;
    for (const group of correlate(items.map((f) => ({ ...f, time: f.alert.time })), existing, windowMs)) {
      const current = group.incidentId ? existing : null;
      let id = group.incidentId;
      if (id === null) {
        const hint = preferred.get(group.alerts[0].alert.dedupeKey);
        id = hint && !existingIds.has(hint) && !taken.has(hint) ? hint : randomUUID();
      }
      taken.add(id);
      if (group.incidentId === null) created.add(id);
      const worst = group.alerts.reduce((w, a) => (severityRank(a.alert.severity) > severityRank(w.alert.severity) ? a : w));
      const rank = Math.max(severityRank(worst.alert.severity), current?.severityRank ?? -1);
      const exercised = group.alerts.some((a) => a.evidence.some((e) => e.step !== null));
      const boosted = exercised || (current?.scoreBreakdown?.evidenceBoost ?? 1) > 1;
      const scored = scoreIncident({ blast: target.workload, severity: SEVERITY_BY_RANK[rank], evidence: boosted, basis: target.basis });
      writes.push({
        id,
        create: group.incidentId === null,
        clusterId: state.clusterId,
        workloadKey: key,
        workloadKind: target.kind,
        namespace: target.namespace,
        workloadName: target.name,
        teamId: target.workload?.teamId ?? null,
        notInInventory: target.basis === "not_in_inventory",
        resolvedBy: target.resolvedBy,
        resolution: target.resolution ?? null,
        title: worst.alert.rule,
        severity: worst.alert.severity,
        severityRank: severityRank(worst.alert.severity),
        score: scored.score,
        scoreBreakdown: scored.breakdown,
        addAlerts: group.alerts.length,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        snapshotId: state.snapshotId,
        mitreTactics: [...new Set(group.alerts.flatMap((a) => a.alert.mitre.tactics))],
      });
      for (const a of group.alerts) placement.set(a.alert.dedupeKey, id);
    }
  }
  return { writes, placement, created };
}

/** Whether planIncidents reads the same from both: the same incidents, with the same times, rank and boost. */
export function samePlanInputs(a: Map<string, TOpenIncidentRow>, b: Map<string, TOpenIncidentRow>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (
      !y ||
      x.id !== y.id ||
      x.firstSeen.getTime() !== y.firstSeen.getTime() ||
      x.lastSeen.getTime() !== y.lastSeen.getTime() ||
      x.severityRank !== y.severityRank ||
      (x.scoreBreakdown?.evidenceBoost ?? 1) !== (y.scoreBreakdown?.evidenceBoost ?? 1)
    )
      return false;
  }
  return true;
}
