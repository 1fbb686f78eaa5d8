// One incident in full: its alerts, the graph of its workload's attack paths — from the
// inventory as it was at the first alert by default, or the latest — and the edges its alerts
// exercised.
import type { TScope } from "../auth/scope";
import type { TIncidentRow } from "../db/incidents-read";
import { incidentAlerts } from "../db/incidents-read";
import { snapshotExists, snapshotWorkload } from "../db/snapshot-workload";
import { buildPathGraph } from "../graph/path-graph";
import { expandReachable } from "../snapshots/compact-snapshot";
import { snapshotGraph } from "../snapshots/graph-cache";
import { pathsFrom, reverseIndex } from "../graph/reachers";
import { graphAgeWarning } from "./graph-age";
import { activeRisksOfWorkload } from "../db/accepted-risks";
import { acceptedEdgeMarks } from "../domain/accepted-risk";
import { presentAcceptedRisk } from "../ownership/accepted-risks";
import { loadIncidentRecord } from "./present-incident";
import { onIncidentPod, scoredWorkloadKey } from "./unknown-pod";

export async function incidentDetail(row: TIncidentRow, which: "alert" | "latest", scope: TScope) {
  const alerts = await incidentAlerts(row.id, scope);
  const exercised = new Map<string, string[]>();
  for (const a of alerts) {
    for (const e of a.evidence ?? []) {
      if (!e.step) continue;
      const key = `${e.step.from}|${e.step.edge}|${e.step.to}`;
      exercised.set(key, [...(exercised.get(key) ?? []), a.id]);
    }
  }
  const atAlert = which === "alert" && row.snapshotAtFirstAlert ? await snapshotExists(row.snapshotAtFirstAlert) : null;
  const snapshotId = atAlert ? row.snapshotAtFirstAlert : row.currentSnapshotId;
  const shown = atAlert ?? (snapshotId ? await snapshotExists(snapshotId) : null);
  const scoredKey = scoredWorkloadKey(row);
  const stored = snapshotId ? await snapshotWorkload(snapshotId, scoredKey, scope) : null;
  const decoded = stored && snapshotId ? await snapshotGraph(snapshotId) : null;
  let paths = stored && decoded ? expandReachable(stored.reachable, decoded.graph.v, decoded.assets) : [];
  let pods = stored?.pods ?? [];
  if (scoredKey !== row.workloadKey && row.namespace) {
    // an unknown pod: the stand-in's paths, drawn from the incident's own pod
    const rename = (id: string) => onIncidentPod(id, row.namespace!, row.workloadName);
    paths = paths.map((p) => ({ ...p, path: p.path.map((s) => ({ ...s, from: rename(s.from), to: rename(s.to) })) }));
    for (const [key, ids] of [...exercised]) {
      const [from, edge, to] = key.split("|");
      const renamed = `${rename(from)}|${edge}|${rename(to)}`;
      if (renamed !== key) {
        exercised.delete(key);
        exercised.set(renamed, ids);
      }
    }
    pods = [row.workloadKey];
  }
  // Drawn from the pod that alerted: a path through another replica would show the alerting pod
  // as a dead end. Each asset that pod reaches by itself gets that pod's own cheapest path; the
  // rest keep the workload's (the score stays the workload's, DESIGN.md "Blast radius").
  let drawnFrom: string[] = [];
  if (decoded && scoredKey === row.workloadKey && paths.length) {
    const r = reverseIndex(decoded.graph);
    drawnFrom = [...new Set(alerts.flatMap((a) => (a.pod && a.namespace ? [`Pod/${a.namespace}/${a.pod}`] : [])))].filter((id) => r.containers.has(id)).sort();
    if (drawnFrom.length) {
      const sources = drawnFrom.flatMap((id) => r.containers.get(id)!);
      const targets = new Set(paths.flatMap((p) => (r.index.has(p.asset) ? [r.index.get(p.asset)!] : [])));
      const own = pathsFrom(decoded.graph, sources, targets);
      paths = paths.map((p) => {
        const mine = own.get(r.index.get(p.asset) ?? -1);
        return mine ? { ...p, cost: mine.cost, path: mine.path } : p;
      });
    }
  }
  // accepted risks of the incident's own workload (an unknown pod has none: nobody accepted it)
  const acceptedRisks = scoredKey === row.workloadKey ? (await activeRisksOfWorkload(row.cluster, row.workloadKey)).map(presentAcceptedRisk) : [];
  const marks = acceptedEdgeMarks(paths, pods, acceptedRisks.map((r) => ({ ...r, owner: r.owner.name })));
  const assetInfo = new Map(decoded ? decoded.graph.a.map(([i, type, sensitivity]) => [decoded.graph.v[i], { type, sensitivity }]) : []);
  return {
    ...(await loadIncidentRecord(row)),
    snapshot: {
      id: snapshotId,
      which: atAlert ? ("alert" as const) : ("latest" as const),
      requested: which,
      createdAt: shown?.createdAt ?? null,
      /** when the inventory shown was taken well before the first alert */
      ageWarning: graphAgeWarning(shown?.createdAt ?? null, row.firstSeen),
    },
    alerts,
    graph: buildPathGraph(row.workloadKey, pods, paths, exercised, assetInfo, marks),
    paths,
    /** the alerting pods the paths are drawn from (where they reach an asset themselves) */
    drawnFrom,
    /** active accepted risks of the workload: on the whole of it, or on edges the graph labels */
    acceptedRisks,
  };
}
