// Blast radius per workload (DESIGN.md "Blast radius"): every asset reachable from its pods with the
// cheapest path, scored per sensitivity tier, ranked by score; plus per-pod and per-workload queries.
import { resolveTeam } from "../inventory/resolve-team";
import type { TInventory } from "../inventory/types";
import { RadiusEngine } from "./radius-engine";
import { scoreReachable } from "./scoring";
import type { TAssetInfo, TAttackGraph, TGraphEdge, TReachableAsset, TTierBreakdown, TVertexKind, TWorkloadInfo, TWorkloadRadius } from "./types";

export interface TBlastRadiusOptions {
  /** only these workload identifiers (default: every workload) */
  workloads?: readonly string[];
  /** reuse an engine across calls on the same graph (its per-class cache survives) */
  engine?: RadiusEngine;
}

export interface TReachability {
  score: number;
  breakdown: TTierBreakdown[];
  reachable: TReachableAsset[];
}

const byScoreThenId = (a: TWorkloadRadius, b: TWorkloadRadius) => b.score - a.score || (a.workload < b.workload ? -1 : a.workload > b.workload ? 1 : 0);

export function computeBlastRadius(graph: TAttackGraph, inv: Pick<TInventory, "teams">, opts: TBlastRadiusOptions = {}): TWorkloadRadius[] {
  const engine = opts.engine ?? new RadiusEngine(graph);
  const wanted = opts.workloads ? new Set(opts.workloads) : null;
  const results: TWorkloadRadius[] = [];
  for (const workload of graph.workloads) {
    if (wanted && !wanted.has(workload.id)) continue;
    results.push(radiusOf(engine, workload, resolveTeam(inv, { namespace: workload.namespace, labels: workload.labels })));
  }
  return results.sort(byScoreThenId);
}

function radiusOf(engine: RadiusEngine, workload: TWorkloadInfo, team: string | null): TWorkloadRadius {
  const reachable = engine.reachFromPods(workload.pods);
  const { score, breakdown } = scoreReachable(reachable);
  return {
    workload: workload.id,
    kind: workload.kind,
    namespace: workload.namespace,
    name: workload.name,
    pods: [...workload.pods],
    team,
    score,
    breakdown,
    reachable,
  };
}

/** One pod's blast radius (null when the graph has no such pod). */
export function podReachability(graph: TAttackGraph, podId: string, engine = new RadiusEngine(graph)): TReachability | null {
  if (!graph.pod(podId)) return null;
  const reachable = engine.reachFromPod(podId);
  return { ...scoreReachable(reachable), reachable };
}

/** One workload's blast radius: the union over its pods (null when the graph has no such workload). */
export function workloadReachability(graph: TAttackGraph, workloadId: string, engine = new RadiusEngine(graph)): TReachability | null {
  const workload = graph.workload(workloadId);
  if (!workload) return null;
  const reachable = engine.reachFromPods(workload.pods);
  return { ...scoreReachable(reachable), reachable };
}

export interface TSubgraphNode {
  id: string;
  kind: TVertexKind;
  asset: TAssetInfo | null;
}

/** The vertices and edges the paths walk through, for the UI's path view ({nodes, edges}). */
export function pathsSubgraph(graph: TAttackGraph, reachable: readonly TReachableAsset[]): { nodes: TSubgraphNode[]; edges: TGraphEdge[] } {
  const nodes = new Map<string, TSubgraphNode>();
  const edges = new Map<string, TGraphEdge>();
  const addNode = (id: string) => {
    if (nodes.has(id)) return;
    const i = graph.index(id);
    nodes.set(id, { id, kind: i >= 0 ? graph.kind(i) : (id.slice(0, id.indexOf("/")) as TVertexKind), asset: i >= 0 ? graph.asset(i) : null });
  };
  for (const r of reachable) {
    addNode(r.asset);
    for (const step of r.path) {
      addNode(step.from);
      addNode(step.to);
      const key = `${step.from}\0${step.edge}\0${step.to}`;
      if (!edges.has(key)) edges.set(key, { from: step.from, edge: step.edge, to: step.to });
    }
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const edgeKey = (e: TGraphEdge) => `${e.from}\0${e.to}\0${e.edge}`;
  return {
    nodes: [...nodes.values()].sort(byId),
    edges: [...edges.values()].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0)),
  };
}
