// Cheapest paths (Dijkstra on the CSR with a typed-array heap), ties broken by fewer hops, then by
// the lexicographically smaller identifier sequence (vertex indices follow identifier order).
import { EDGE_CATALOG } from "./edge-catalog";
import { MinHeap } from "./min-heap";
import { EDGE_KINDS, type TAttackGraph } from "./types";

export const HOP_SPAN = 2 ** 21;
export const EDGE_COST = Int32Array.from(EDGE_KINDS.map((kind) => EDGE_CATALOG[kind].cost));
const names = [...EDGE_KINDS].sort();
/** Parallel edges between the same two vertices: the smaller edge name wins. */
export const EDGE_NAME_RANK = Int32Array.from(EDGE_KINDS.map((kind) => names.indexOf(kind)));
export const K_CREATE = EDGE_KINDS.indexOf("POD_CREATE");
export const K_EXEC = EDGE_KINDS.indexOf("POD_EXEC");
export const K_PATCH = EDGE_KINDS.indexOf("POD_PATCH");

/** Cheapest paths from one fan-out group (every node, every pod) to everything, computed once. */
export interface TGroupTable {
  /** -1 when unreached */
  cost: Int32Array;
  hops: Int32Array;
  parent: Int32Array;
  /** CSR position of the edge into each vertex */
  pedge: Int32Array;
  /** reached asset vertices, ascending */
  assets: Int32Array;
}

export interface TGroupLabel {
  cost: number;
  hops: number;
  /** the vertex whose fan-out edge enters the group, and that edge's kind */
  from: number;
  kind: number;
  settled: boolean;
}

export interface TGroupTables {
  table(group: number): TGroupTable;
}

/** Scratch state of one search, reused across runs (generation stamps instead of clearing). */
export class SearchSpace {
  readonly cost: Int32Array;
  readonly hops: Int32Array;
  readonly parent: Int32Array;
  /** CSR position of the edge the path takes into each vertex */
  readonly pedge: Int32Array;
  private readonly seen: Uint32Array;
  private readonly done: Uint32Array;
  private gen = 0;
  private readonly heap = new MinHeap();
  /** settled vertices of the last run that were expanded (not covered by a group) */
  readonly settled: number[] = [];
  readonly groups: TGroupLabel[] = [0, 1].map(() => ({ cost: 0, hops: 0, from: -1, kind: 0, settled: false }));
  readonly settledGroups: number[] = [];
  /**
   * CSR positions to skip (1 = removed): a what-if on the same graph (lib/remediation). Only for
   * a space without group tables, whose fan-out shortcuts would walk around the removed edges.
   */
  mask: Uint8Array | null = null;

  constructor(
    readonly graph: TAttackGraph,
    readonly tables: TGroupTables | null,
  ) {
    const n = graph.vertexCount;
    this.cost = new Int32Array(n);
    this.hops = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.pedge = new Int32Array(n);
    this.seen = new Uint32Array(n);
    this.done = new Uint32Array(n);
  }

  reached(v: number): boolean {
    return this.seen[v] === this.gen;
  }

  run(sources: ArrayLike<number>): void {
    const { cost, hops, parent, pedge, seen, done, heap, graph } = this;
    const gen = ++this.gen;
    heap.clear();
    this.settled.length = 0;
    this.settledGroups.length = 0;
    for (const g of this.groups) Object.assign(g, { cost: 0, hops: 0, from: -1, kind: 0, settled: false });
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      seen[s] = gen;
      cost[s] = 0;
      hops[s] = 0;
      parent[s] = -1;
      pedge[s] = -1;
      heap.push(1, s);
    }
    const { offsets, targets, edgeKinds } = graph;
    const flags = this.tables ? graph.fanOut.flags : null;
    const mask = this.mask;
    if (mask && this.tables) throw new Error("an edge mask needs a search space without group tables");
    while (heap.size > 0) {
      const key2 = heap.topKey();
      const x = heap.pop();
      if (x < 0) {
        const g = this.groups[-1 - x];
        if (!g.settled && key2 === (g.cost * HOP_SPAN + g.hops) * 2) {
          g.settled = true;
          this.settledGroups.push(-1 - x);
        }
        continue;
      }
      if (done[x] === gen || key2 !== (cost[x] * HOP_SPAN + hops[x]) * 2 + 1) continue;
      done[x] = gen;
      if (this.settledGroups.length > 0 && this.coveredByGroup(x)) continue;
      this.settled.push(x);
      const f = flags ? flags[x] : 0;
      if (f !== 0) {
        if (f & 1) this.relaxGroup(0, x, K_CREATE);
        if (f & 2) this.relaxGroup(1, x, K_EXEC);
        if (f & 4) this.relaxGroup(1, x, K_PATCH);
      }
      const cx = cost[x];
      const hx = hops[x] + 1;
      for (let e = offsets[x], end = offsets[x + 1]; e < end; e++) {
        if (mask !== null && mask[e] === 1) continue;
        const k = edgeKinds[e];
        if (f !== 0 && ((k === K_CREATE && f & 1) || (k === K_EXEC && f & 2) || (k === K_PATCH && f & 4))) continue;
        const v = targets[e];
        if (done[v] === gen) continue;
        const c = cx + EDGE_COST[k];
        if (seen[v] !== gen || c < cost[v] || (c === cost[v] && hx < hops[v])) {
          seen[v] = gen;
          cost[v] = c;
          hops[v] = hx;
          parent[v] = x;
          pedge[v] = e;
          heap.push((c * HOP_SPAN + hx) * 2 + 1, v);
        } else if (c === cost[v] && hx === hops[v]) {
          if (parent[v] === x ? EDGE_NAME_RANK[k] < EDGE_NAME_RANK[edgeKinds[pedge[v]]] : this.compareChains(x, parent[v]) < 0) {
            parent[v] = x;
            pedge[v] = e;
          }
        }
      }
    }
  }

  /** Compares the paths to a and b (equal hop counts) from their sources: first difference decides. */
  compareChains(a: number, b: number): number {
    const { parent } = this;
    let decision = 0;
    while (a !== b) {
      decision = a < b ? -1 : 1;
      a = parent[a];
      b = parent[b];
      if (a < 0 || b < 0) break;
    }
    return decision;
  }

  /** Vertex sequence from the source to v. */
  chain(v: number): number[] {
    const out: number[] = [];
    for (let x = v; x >= 0; x = this.parent[x]) out.push(x);
    return out.reverse();
  }

  /** Vertex sequence of the path that enters group g and follows its table to v. */
  groupChain(g: number, v: number): number[] {
    const table = this.tables!.table(g);
    const tail: number[] = [];
    for (let x = v; x >= 0; x = table.parent[x]) tail.push(x);
    return this.chain(this.groups[g].from).concat(tail.reverse());
  }

  private relaxGroup(g: number, x: number, kind: number): void {
    const label = this.groups[g];
    if (label.settled) return;
    const c = this.cost[x] + EDGE_COST[kind];
    const h = this.hops[x] + 1;
    const better =
      label.from < 0 ||
      c < label.cost ||
      (c === label.cost && h < label.hops) ||
      (c === label.cost && h === label.hops && (label.from === x ? EDGE_NAME_RANK[kind] < EDGE_NAME_RANK[label.kind] : this.compareChains(x, label.from) < 0));
    if (!better) return;
    Object.assign(label, { cost: c, hops: h, from: x, kind });
    this.heap.push((c * HOP_SPAN + h) * 2, -1 - g);
  }

  // A vertex whose best path runs through an already settled group is not expanded: the group's
  // table already holds everything beyond it, at a cost no higher.
  private coveredByGroup(x: number): boolean {
    for (const g of this.settledGroups) {
      const table = this.tables!.table(g);
      if (table.cost[x] < 0) continue;
      const label = this.groups[g];
      const c = label.cost + table.cost[x];
      const h = label.hops + table.hops[x];
      if (c < this.cost[x] || (c === this.cost[x] && h < this.hops[x])) return true;
      if (c === this.cost[x] && h === this.hops[x] && compareSequences(this.groupChain(g, x), this.chain(x)) <= 0) return true;
    }
    return false;
  }
}

export function compareSequences(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/** CSR position of the edge u → v of that kind (out-edges are sorted by target, then kind); -1 when absent. */
export function edgeIndex(graph: TAttackGraph, u: number, v: number, kind: number): number {
  let lo = graph.offsets[u];
  let hi = graph.offsets[u + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = graph.targets[mid];
    const k = graph.edgeKinds[mid];
    if (t === v && k === kind) return mid;
    if (t < v || (t === v && k < kind)) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
