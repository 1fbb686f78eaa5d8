// The reverse question: who can reach this vertex (a crown jewel, a service account, a cloud
// role)? One cheapest-path search from the target over reversed edges gives, for every vertex,
// the cost of its cheapest path to the target and the next step on it; a workload's cost is the
// cheapest over its pods' containers (a blast radius starts from containers, DESIGN.md). Costs are
// the edges' costs (DESIGN.md "Costs"), ties broken toward fewer hops, so a workload's cost here
// equals the cost its own blast radius gives the target.
import { EDGE_KINDS, type TEdgeKind } from "./types";
import { EDGE_COST } from "./search";
import { MinHeap } from "./min-heap";

/** A stored graph: vertex identifiers and flat edges (from, to, kind), as lib/snapshots keeps it. */
export interface TCompactGraph {
  v: string[];
  e: ArrayLike<number>;
}

/** Reverse adjacency of a compact graph, built once per graph. */
export interface TReverseIndex extends TAdjacency {
  /** the container vertices of each pod id */
  containers: Map<string, number[]>;
  index: Map<string, number>;
}

const cache = new WeakMap<TCompactGraph, TReverseIndex>();

export function reverseIndex(g: TCompactGraph): TReverseIndex {
  const hit = cache.get(g);
  if (hit) return hit;
  const { start, other, kind } = adjacency(g, "in");
  const containers = new Map<string, number[]>();
  const index = new Map<string, number>();
  g.v.forEach((id, i) => {
    index.set(id, i);
    if (!id.startsWith("Container/")) return;
    const [, ns, pod] = id.split("/");
    const key = `Pod/${ns}/${pod}`;
    const list = containers.get(key);
    if (list) list.push(i);
    else containers.set(key, [i]);
  });
  const built = { start, other, kind, containers, index };
  cache.set(g, built);
  return built;
}

/** Adjacency in CSR form: the edges of vertex v are at start[v] .. start[v + 1], to other[i] by kind[i]. */
interface TAdjacency {
  start: Int32Array;
  other: Int32Array;
  kind: Int32Array;
}

/** The graph's edges out of each vertex, or into it. */
function adjacency(g: TCompactGraph, direction: "out" | "in"): TAdjacency {
  const [self, far] = direction === "out" ? [0, 1] : [1, 0];
  const n = g.v.length;
  const m = g.e.length / 3;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[g.e[3 * i + self] + 1]++;
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const other = new Int32Array(m);
  const kind = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = fill[g.e[3 * i + self]]++;
    other[at] = g.e[3 * i + far];
    kind[at] = g.e[3 * i + 2];
  }
  return { start, other, kind };
}

export interface TCheapest {
  /** cheapest cost from the sources, -1 when unreached */
  cost: Int32Array;
  hops: Int32Array;
  /** the vertex each was reached from, and the edge kind taken */
  via: Int32Array;
  viaKind: Int32Array;
}

/** Dijkstra by (cost, hops) from the sources over one direction of the graph. */
function cheapest(n: number, adj: TAdjacency, sources: number[]): TCheapest {
  const cost = new Int32Array(n).fill(-1);
  const hops = new Int32Array(n);
  const via = new Int32Array(n).fill(-1);
  const viaKind = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const heap = new MinHeap();
  for (const s of sources) {
    cost[s] = 0;
    heap.push(0, s);
  }
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    for (let p = adj.start[v]; p < adj.start[v + 1]; p++) {
      const u = adj.other[p];
      if (done[u]) continue;
      const c = cost[v] + EDGE_COST[adj.kind[p]];
      const h = hops[v] + 1;
      if (cost[u] < 0 || c < cost[u] || (c === cost[u] && h < hops[u])) {
        cost[u] = c;
        hops[u] = h;
        via[u] = v;
        viaKind[u] = adj.kind[p];
        // key: cost first, then hops (both small integers)
        heap.push(c * 65_536 + h, u);
      }
    }
  }
  return { cost, hops, via, viaKind };
}

/** One reverse search from the target: every vertex's cheapest cost to it, and the next step on that path (`via`). */
export function costsToTarget(g: TCompactGraph, target: number): TCheapest {
  return cheapest(g.v.length, reverseIndex(g), [target]);
}

export interface TReacher<W> {
  workload: W;
  cost: number;
  path: { from: string; edge: TEdgeKind; to: string }[];
}

/**
 * The workloads that can reach the target, cheapest first (then fewer hops, then key), each with
 * its cheapest path from the best of its containers.
 */
export function reachersOf<W extends { key: string; pods: string[] }>(g: TCompactGraph, target: number, workloads: W[]): TReacher<W>[] {
  const r = reverseIndex(g);
  const t = costsToTarget(g, target);
  const out: (TReacher<W> & { hops: number })[] = [];
  for (const w of workloads) {
    let best = -1;
    for (const pod of w.pods) {
      for (const c of r.containers.get(pod) ?? []) {
        if (t.cost[c] < 0) continue;
        if (best < 0 || t.cost[c] < t.cost[best] || (t.cost[c] === t.cost[best] && (t.hops[c] < t.hops[best] || (t.hops[c] === t.hops[best] && g.v[c] < g.v[best])))) best = c;
      }
    }
    if (best < 0 || best === target) continue;
    const path: TReacher<W>["path"] = [];
    for (let v = best; v !== target && t.via[v] >= 0; v = t.via[v]) path.push({ from: g.v[v], edge: EDGE_KINDS[t.viaKind[v]], to: g.v[t.via[v]] });
    out.push({ workload: w, cost: t.cost[best], hops: t.hops[best], path });
  }
  out.sort((a, b) => a.cost - b.cost || a.hops - b.hops || (a.workload.key < b.workload.key ? -1 : a.workload.key > b.workload.key ? 1 : 0));
  return out.map(({ hops: _h, ...rest }) => {
    void _h;
    return rest;
  });
}

const forwardCache = new WeakMap<TCompactGraph, TAdjacency>();

function forwardIndex(g: TCompactGraph): TAdjacency {
  const hit = forwardCache.get(g);
  if (hit) return hit;
  const built = adjacency(g, "out");
  forwardCache.set(g, built);
  return built;
}

/**
 * The cheapest path from any of `sources` to each of `targets` that can be reached (cost, then
 * fewer hops): what one pod can reach by itself, e.g. the pod an alert came from rather than the
 * cheapest replica of its workload.
 */
export function pathsFrom(g: TCompactGraph, sources: number[], targets: ReadonlySet<number>): Map<number, { cost: number; path: { from: string; edge: TEdgeKind; to: string }[] }> {
  const { cost, via, viaKind } = cheapest(g.v.length, forwardIndex(g), sources);
  const out = new Map<number, { cost: number; path: { from: string; edge: TEdgeKind; to: string }[] }>();
  for (const t of targets) {
    if (cost[t] < 0 || via[t] < 0) continue;
    const path: { from: string; edge: TEdgeKind; to: string }[] = [];
    for (let v = t; via[v] >= 0; v = via[v]) path.push({ from: g.v[via[v]], edge: EDGE_KINDS[viaKind[v]], to: g.v[v] });
    out.set(t, { cost: cost[t], path: path.reverse() });
  }
  return out;
}
