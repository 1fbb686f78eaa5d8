// Compact, storable form of a snapshot's graph and blast radius results: identifiers are
// interned once per snapshot, and each workload keeps its 200 largest contributions as
// integer paths over that dictionary (DESIGN.md: "the 200 largest contributions").
import type { TAssetInfo, TAttackGraph, TGraphEdge, TPathStep, TReachableAsset, TWorkloadRadius } from "../graph/types";
import { EDGE_KINDS, type TEdgeKind } from "../graph/types";
import type { TSensitivity } from "../inventory/types";

export const MAX_STORED_CONTRIBUTIONS = 200;

const TIER_WEIGHT: Record<TSensitivity, number> = { critical: 100, high: 30, medium: 10, low: 3 };

/** What one asset adds to a score: weight × 0.7^max(0, cost − 1). */
export function contribution(a: Pick<TReachableAsset, "sensitivity" | "cost">): number {
  return TIER_WEIGHT[a.sensitivity] * Math.pow(0.7, Math.max(0, a.cost - 1));
}

export interface TCompactGraph {
  /** vertex identifiers */
  v: string[];
  /** assets: [vertex index, type, sensitivity] */
  a: [number, string, TSensitivity][];
  /** edges, flat: from, to, edge kind index into EDGE_KINDS */
  e: number[] | Int32Array;
}

export interface TCompactReachable {
  /** per asset: [vertex index, cost, v0, k0, v1, k1, v2, …] — the path as alternating vertices and edge kinds */
  p: number[][];
}

export class VertexDictionary {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.index.set(id, i);
    }
    return i;
  }
}

const EDGE_INDEX = new Map<TEdgeKind, number>(EDGE_KINDS.map((k, i) => [k, i]));

export function compactGraph(dict: VertexDictionary, edges: Iterable<TGraphEdge>, assets: Iterable<[string, TAssetInfo]>): TCompactGraph {
  const e: number[] = [];
  for (const edge of edges) e.push(dict.intern(edge.from), dict.intern(edge.to), EDGE_INDEX.get(edge.edge)!);
  const a: [number, string, TSensitivity][] = [];
  for (const [id, info] of assets) a.push([dict.intern(id), info.type, info.sensitivity]);
  return { v: dict.ids, a, e };
}

/**
 * compactGraph for a built graph, walking its CSR arrays instead of one edge object per edge (a
 * 10,000-pod cluster has ~400,000 edges): each vertex is interned once, in the order compactGraph
 * would meet it, so the result is the same.
 */
export function compactAttackGraph(
  dict: VertexDictionary,
  graph: Pick<TAttackGraph, "vertexCount" | "offsets" | "targets" | "edgeKinds" | "id">,
  assets: Iterable<[string, TAssetInfo]>,
): TCompactGraph {
  const { offsets, targets, edgeKinds } = graph;
  const index = new Int32Array(graph.vertexCount).fill(-1);
  const of = (i: number) => (index[i] >= 0 ? index[i] : (index[i] = dict.intern(graph.id(i))));
  const e = new Int32Array(offsets[graph.vertexCount] * 3);
  let at = 0;
  for (let i = 0; i < graph.vertexCount; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      e[at++] = of(i);
      e[at++] = of(targets[k]);
      e[at++] = edgeKinds[k];
    }
  }
  const a: [number, string, TSensitivity][] = [];
  for (const [id, info] of assets) a.push([dict.intern(id), info.type, info.sensitivity]);
  return { v: dict.ids, a, e };
}

/** Keeps the largest contributions, largest first (ties: cheaper, then id). */
export function topContributions(reachable: TReachableAsset[], max = MAX_STORED_CONTRIBUTIONS): TReachableAsset[] {
  return [...reachable]
    .sort((x, y) => contribution(y) - contribution(x) || x.cost - y.cost || (x.asset < y.asset ? -1 : x.asset > y.asset ? 1 : 0))
    .slice(0, max);
}

export function compactReachable(dict: VertexDictionary, radius: TWorkloadRadius): TCompactReachable {
  return {
    p: topContributions(radius.reachable).map((r) => {
      const row = [dict.intern(r.asset), r.cost];
      if (r.path.length) row.push(dict.intern(r.path[0].from));
      for (const step of r.path) row.push(EDGE_INDEX.get(step.edge)!, dict.intern(step.to));
      return row;
    }),
  };
}

export function expandReachable(
  compact: TCompactReachable,
  vertices: string[],
  assetInfo: Map<number, { type: string; sensitivity: TSensitivity }>,
): TReachableAsset[] {
  return compact.p.map(([asset, cost, ...walk]) => {
    const path: TPathStep[] = [];
    for (let i = 1; i < walk.length; i += 2) {
      path.push({ from: vertices[walk[i - 1]], edge: EDGE_KINDS[walk[i]], to: vertices[walk[i + 1]] });
    }
    const info = assetInfo.get(asset);
    return { asset: vertices[asset], type: info?.type ?? "other", sensitivity: info?.sensitivity ?? "low", cost, path };
  });
}

export function tierCounts(radius: TWorkloadRadius): Record<TSensitivity, number> {
  const counts: Record<TSensitivity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const r of radius.reachable) counts[r.sensitivity] += 1;
  return counts;
}
