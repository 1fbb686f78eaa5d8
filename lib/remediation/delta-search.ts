// Cheapest costs after removing edges, recomputed only where they can change. Removing edges never
// makes anything cheaper, and a vertex whose cheapest-path tree branch keeps all its edges keeps its
// cost: only the descendants (in that tree) of a removed tree edge can change. Those are reset and
// searched again from their unaffected in-neighbours — the same Dijkstra on the same graph, so the
// costs are exactly those of a full search (the what-if property test compares both).
import { MinHeap } from "../graph/min-heap";
import { EDGE_COST, type SearchSpace } from "../graph/search";
import type { TAttackGraph } from "../graph/types";

/** A finished search kept aside: its costs and its tree. */
export interface TSearchBase {
  /** -1 when unreached */
  cost: Int32Array;
  /** CSR position of the tree edge into each vertex (-1 for sources and unreached) */
  pedge: Int32Array;
  /** tree children as CSR */
  childOffsets: Int32Array;
  children: Int32Array;
  reached: number;
}

/** Per graph: in-edges by target (positions), and each position's source. */
export interface TReverse {
  offsets: Int32Array;
  positions: Int32Array;
  source: Int32Array;
}

const reverseCache = new WeakMap<TAttackGraph, TReverse>();

/** In-edges by target, built once per graph. */
export function reverseOf(graph: TAttackGraph): TReverse {
  let r = reverseCache.get(graph);
  if (r) return r;
  const n = graph.vertexCount;
  const m = graph.edgeCount;
  const source = new Int32Array(m);
  for (let u = 0; u < n; u++) for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) source[e] = u;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[graph.targets[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const positions = new Int32Array(m);
  for (let e = 0; e < m; e++) positions[cursor[graph.targets[e]]++] = e;
  r = { offsets, positions, source };
  reverseCache.set(graph, r);
  return r;
}

/** Keeps the last run of a plain (table-less) search space as a base. */
export function keepBase(space: SearchSpace): TSearchBase {
  const n = space.graph.vertexCount;
  const cost = new Int32Array(n).fill(-1);
  const pedge = new Int32Array(n).fill(-1);
  const counts = new Int32Array(n + 1);
  for (const v of space.settled) {
    cost[v] = space.cost[v];
    pedge[v] = space.pedge[v];
    if (space.parent[v] >= 0) counts[space.parent[v] + 1]++;
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const cursor = counts.slice(0, n);
  const children = new Int32Array(counts[n]);
  for (const v of space.settled) if (space.parent[v] >= 0) children[cursor[space.parent[v]]++] = v;
  return { cost, pedge, childOffsets: counts, children, reached: space.settled.length };
}

export class DeltaSearch {
  private readonly reverse: TReverse;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private readonly next: Int32Array;
  private gen = 0;
  private readonly heap = new MinHeap();

  constructor(readonly graph: TAttackGraph) {
    this.reverse = reverseOf(graph);
    const n = graph.vertexCount;
    this.stamp = new Uint32Array(n);
    this.done = new Uint32Array(n);
    this.next = new Int32Array(n);
  }

  /**
   * The vertices whose cost changes when the masked edges are gone, with their new cost (-1 =
   * unreachable); null when more than `limit` vertices hang below the removed edges (a full search is then as cheap).
   */
  changes(base: TSearchBase, removed: readonly number[], mask: Uint8Array, limit: number): Map<number, number> | null {
    const { graph } = this;
    const { stamp, done, next, heap } = this;
    const gen = ++this.gen;
    const affected: number[] = [];
    for (const e of removed) {
      const v = graph.targets[e];
      if (base.pedge[v] === e && stamp[v] !== gen) {
        stamp[v] = gen;
        affected.push(v);
      }
    }
    for (let i = 0; i < affected.length; i++) {
      const v = affected[i];
      for (let c = base.childOffsets[v]; c < base.childOffsets[v + 1]; c++) {
        const child = base.children[c];
        if (stamp[child] !== gen) {
          stamp[child] = gen;
          affected.push(child);
        }
      }
      if (affected.length > limit) return null;
    }
    const out = new Map<number, number>();
    if (affected.length === 0) return out;
    heap.clear();
    const { offsets: rOff, positions, source } = this.reverse;
    for (const v of affected) {
      let best = -1;
      for (let i = rOff[v]; i < rOff[v + 1]; i++) {
        const e = positions[i];
        if (mask[e] === 1) continue;
        const u = source[e];
        if (stamp[u] === gen || base.cost[u] < 0) continue;
        const c = base.cost[u] + EDGE_COST[graph.edgeKinds[e]];
        if (best < 0 || c < best) best = c;
      }
      next[v] = best;
      if (best >= 0) heap.push(best, v);
    }
    const { offsets, targets, edgeKinds } = graph;
    while (heap.size > 0) {
      const key = heap.topKey();
      const v = heap.pop();
      if (done[v] === gen || key !== next[v]) continue;
      done[v] = gen;
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        if (mask[e] === 1) continue;
        const x = targets[e];
        if (stamp[x] !== gen || done[x] === gen) continue;
        const c = key + EDGE_COST[edgeKinds[e]];
        if (next[x] < 0 || c < next[x]) {
          next[x] = c;
          heap.push(c, x);
        }
      }
    }
    for (const v of affected) out.set(v, done[v] === gen ? next[v] : -1);
    return out;
  }
}
