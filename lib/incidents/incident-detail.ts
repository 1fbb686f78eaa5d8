// One incident in full: its alerts, the graph of its workload's attack paths — from the
// inventory as it was at the first alert by default, or the latest — and the edges its alerts
// exercised.
import type { TIncidentRow } from "../db/incidents-read";
import { incidentAlerts } from "../db/incidents-read";
import { snapshotExists, snapshotWorkload } from "../db/snapshot-workload";
import { EDGE_CATALOG } from "../graph/edge-catalog";
import type { TEdgeKind, TReachableAsset } from "../graph/types";
import { expandReachable } from "../snapshots/compact-snapshot";
import { snapshotGraph } from "../snapshots/graph-cache";
import { presentIncident } from "./present-incident";

const kindOf = (id: string) => id.slice(0, id.indexOf("/"));
const labelOf = (id: string) => id.slice(id.lastIndexOf("/") + 1) || id;

function buildGraph(workloadKey: string, pods: string[], paths: TReachableAsset[], exercised: Map<string, string[]>, assetInfo: Map<string, { type: string; sensitivity: string }>) {
  const nodes = new Map<string, { id: string; kind: string; label: string; asset: { type: string; sensitivity: string } | null }>();
  const edges = new Map<string, Record<string, unknown>>();
  const addNode = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, kind: kindOf(id), label: labelOf(id), asset: assetInfo.get(id) ?? null });
  };
  addNode(workloadKey);
  for (const pod of pods) {
    addNode(pod);
    if (pod !== workloadKey) edges.set(`${workloadKey}|RUNS|${pod}`, { from: workloadKey, to: pod, edge: "RUNS", structural: true });
  }
  for (const r of paths) {
    for (const s of r.path) {
      addNode(s.from);
      addNode(s.to);
      const key = `${s.from}|${s.edge}|${s.to}`;
      if (edges.has(key)) continue;
      const info = EDGE_CATALOG[s.edge as TEdgeKind];
      edges.set(key, {
        from: s.from,
        to: s.to,
        edge: s.edge,
        mitre: info?.mitre ?? null,
        cost: info?.cost ?? null,
        explanation: info?.explanation ?? null,
        remediation: info?.remediation ?? null,
        exercisedBy: exercised.get(key) ?? [],
      });
    }
    const podOfPath = r.path[0]?.from.startsWith("Container/") ? `Pod/${r.path[0].from.split("/").slice(1, 3).join("/")}` : null;
    if (podOfPath && nodes.has(podOfPath)) {
      edges.set(`${podOfPath}|CONTAINER_ATTACH|${r.path[0].from}`, { from: podOfPath, to: r.path[0].from, edge: "CONTAINER_ATTACH", structural: true });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export async function incidentDetail(row: TIncidentRow, which: "alert" | "latest") {
  const alerts = await incidentAlerts(row.id);
  const exercised = new Map<string, string[]>();
  for (const a of alerts) {
    for (const e of (a.evidence ?? []) as { step: { from: string; edge: string; to: string } | null }[]) {
      if (!e.step) continue;
      const key = `${e.step.from}|${e.step.edge}|${e.step.to}`;
      exercised.set(key, [...(exercised.get(key) ?? []), a.id]);
    }
  }
  const atAlert = which === "alert" && row.snapshotAtFirstAlert ? await snapshotExists(row.snapshotAtFirstAlert) : null;
  const snapshotId = atAlert ? row.snapshotAtFirstAlert : row.currentSnapshotId;
  const stored = snapshotId ? await snapshotWorkload(snapshotId, row.workloadKey) : null;
  const decoded = stored && snapshotId ? await snapshotGraph(snapshotId) : null;
  const paths = stored && decoded ? expandReachable(stored.reachable, decoded.graph.v, decoded.assets) : [];
  const assetInfo = new Map(decoded ? decoded.graph.a.map(([i, type, sensitivity]) => [decoded.graph.v[i], { type, sensitivity }]) : []);
  return {
    ...(await presentIncident(row)),
    snapshot: { id: snapshotId, which: atAlert ? "alert" : "latest", requested: which },
    alerts,
    graph: buildGraph(row.workloadKey, stored?.pods ?? [], paths, exercised, assetInfo),
    paths,
  };
}
