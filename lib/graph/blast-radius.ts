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

/** The kind and pod name of the stand-in for pods the inventory does not show (not a valid pod name: it cannot collide). */
export const NEW_POD_KIND = "UnknownPod";
export const NEW_POD_NAME = "(new pod)";
const NEW_POD_CONTAINER = "(any container)";
export const newPodKey = (namespace: string) => `${NEW_POD_KIND}/${namespace}/default`;
export const newPodContainer = (namespace: string) => `Container/${namespace}/${NEW_POD_NAME}/${NEW_POD_CONTAINER}`;

/**
 * Per namespace, the blast radius of a pod the inventory does not show (DESIGN.md "Pods newer
 * than the snapshot"): from a container that holds the namespace's default service account token
 * (IDENTITY_ASSUME) and connects where the namespace's policies let a pod without labels
 * (NETWORK_REACH). Both first steps cost 1, so the search runs from their targets and adds 1.
 * Its node is unknown: no escape, host or metadata-service step is assumed.
 */
export function newPodRadii(graph: TAttackGraph, inv: Pick<TInventory, "teams">, engine = new RadiusEngine(graph)): TWorkloadRadius[] {
  const out: TWorkloadRadius[] = [];
  for (const [namespace, sources] of graph.newPodSources) {
    const first = new Map<string, TGraphEdge["edge"]>();
    if (sources.identity && graph.index(sources.identity) >= 0) first.set(sources.identity, "IDENTITY_ASSUME");
    for (const target of sources.network) if (!first.has(target)) first.set(target, "NETWORK_REACH");
    if (first.size === 0) continue;
    const container = newPodContainer(namespace);
    const reachable = engine.reachFromVertices([...first.keys()]).map((r) => {
      const start = r.path[0]?.from ?? r.asset;
      return { ...r, cost: r.cost + 1, path: [{ from: container, edge: first.get(start)!, to: start }, ...r.path] };
    });
    if (reachable.length === 0) continue;
    const { score, breakdown } = scoreReachable(reachable);
    out.push({
      workload: newPodKey(namespace),
      kind: NEW_POD_KIND,
      namespace,
      name: NEW_POD_NAME,
      pods: [`Pod/${namespace}/${NEW_POD_NAME}`],
      team: resolveTeam(inv, { namespace, labels: {} }),
      score,
      breakdown,
      reachable,
    });
  }
  return out;
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
