// Blast radius recomputed only where a change can reach (a live inventory, lib/workers/inventory-worker.ts).
// A search's result depends on nothing but what it read: the out-edges, fan-out flags and asset
// facts of the vertices it expanded, and the fan-out group tables it entered. So a search of the
// previous graph from the same source identifiers gives the same answer on the next graph when
// none of those vertices changed ("dirty": gone, or other out-edges, flags or asset facts) and the
// groups it used are unchanged: that answer is reused as it is, every other search runs again.
// Ties are broken by identifier order, the same in both graphs, so a reused path is the path the
// search would find. Equal to a full recompute: test/live-inventory-property.test.ts.
import { BuildMemo } from "./build-memo";
import type { GroupTables } from "./group-tables";
import type { TAttackGraph, TReachableAsset } from "./types";

interface TEntry {
  /** the vertices the search expanded (its sources included), by index in the graph it ran on */
  visited: Int32Array;
  /** bit g: the search entered fan-out group g (its table's contents are part of the answer) */
  groups: number;
  reachable: TReachableAsset[];
}

/** What the memo keeps of one run: its graph, its searches, and the groups' tables as searched. */
interface TRunState {
  graph: TAttackGraph;
  entries: Map<string, TEntry>;
  /** per fan-out group, the vertices its table reached (null: never computed) */
  groups: (Int32Array | null)[];
}

export interface TRadiusMemoFigures {
  /** searches answered from the previous run */
  reused: number;
  /** searches run */
  searched: number;
  /** vertices of the previous graph that changed or are gone */
  dirty: number;
}

/** Search results of the previous run of one cluster, to reuse on its next graph. */
export class RadiusMemo {
  private last: TRunState | null = null;
  /** what the graph builds can reuse (lib/graph/build-memo.ts): kept beside the searches, one per cluster */
  readonly builds = new BuildMemo();

  /** The graph of the last run (its vertex order helps build the next, GraphBuilder.freeze). */
  get lastGraph(): TAttackGraph | null {
    return this.last?.graph ?? null;
  }

  /** A run on `graph` (call finish() when every search is done, so the next run compares with this one). */
  begin(graph: TAttackGraph): RadiusMemoRun {
    return new RadiusMemoRun(graph, this.last, (state) => (this.last = state));
  }
}

const sourceKey = (graph: TAttackGraph, sources: ArrayLike<number>) => {
  const ids: string[] = [];
  for (let i = 0; i < sources.length; i++) ids.push(graph.id(sources[i]));
  return ids.join("\n");
};

export class RadiusMemoRun {
  /** previous vertex index → this graph's (-1: gone) */
  private readonly toNew: Int32Array | null = null;
  /** per previous vertex, 1 when a search that expanded it may find something else now */
  private readonly dirty: Uint8Array | null = null;
  /** per group, whether the previous run's table holds on this graph */
  private readonly groupValid: boolean[] = [false, false];
  private readonly entries = new Map<string, TEntry>();
  readonly figures: TRadiusMemoFigures = { reused: 0, searched: 0, dirty: 0 };

  constructor(
    readonly graph: TAttackGraph,
    private readonly previous: TRunState | null,
    private readonly commit: (state: TRunState) => void,
  ) {
    if (!previous) return;
    const old = previous.graph;
    this.toNew = vertexMap(old, graph);
    this.dirty = dirtyVertices(old, graph, this.toNew);
    this.figures.dirty = this.dirty.reduce((sum, d) => sum + d, 0);
    this.groupValid = previous.groups.map((visited, g) => visited !== null && sameGroupSources(old, graph, this.toNew!, g) && allClean(visited, this.dirty!));
  }

  /** The previous run's answer for a search from `sources` (indices of this graph, sorted), when it still holds. */
  lookup(sources: ArrayLike<number>): TReachableAsset[] | null {
    if (!this.previous) return null;
    const key = sourceKey(this.graph, sources);
    const entry = this.previous.entries.get(key);
    if (!entry) return null;
    for (let g = 0; g < 2; g++) if (entry.groups & (1 << g) && !this.groupValid[g]) return null;
    const visited = cleanOnNew(entry.visited, this.dirty!, this.toNew!);
    if (!visited) return null;
    this.entries.set(key, { visited, groups: entry.groups, reachable: entry.reachable });
    this.figures.reused++;
    return entry.reachable;
  }

  /** A search just run on this graph: what it expanded, the groups it entered, its answer. */
  record(sources: ArrayLike<number>, visited: readonly number[], groups: readonly number[], reachable: TReachableAsset[]): void {
    let bits = 0;
    for (const g of groups) bits |= 1 << g;
    this.entries.set(sourceKey(this.graph, sources), { visited: Int32Array.from(visited), groups: bits, reachable });
    this.figures.searched++;
  }

  /** Keeps this run's searches (and the group tables `tables` computed) for the next run. */
  finish(tables: GroupTables): void {
    const groups = [0, 1].map((g) => {
      const table = tables.computed(g);
      if (!table) return null;
      const reached: number[] = [];
      for (let v = 0; v < table.cost.length; v++) if (table.cost[v] >= 0) reached.push(v);
      return Int32Array.from(reached);
    });
    this.commit({ graph: this.graph, entries: this.entries, groups });
  }
}

/** The vertices as indices of the new graph, in one pass that gives up (null) at the first dirty one. */
function cleanOnNew(visited: Int32Array, dirty: Uint8Array, toNew: Int32Array): Int32Array | null {
  const out = new Int32Array(visited.length);
  for (let i = 0; i < visited.length; i++) {
    if (dirty[visited[i]] === 1) return null;
    out[i] = toNew[visited[i]];
  }
  return out;
}

function allClean(visited: Int32Array, dirty: Uint8Array): boolean {
  for (let i = 0; i < visited.length; i++) if (dirty[visited[i]] === 1) return false;
  return true;
}

/** Vertex indices follow identifier order in both graphs: one merge of the two sorted lists. */
function vertexMap(old: TAttackGraph, next: TAttackGraph): Int32Array {
  const map = new Int32Array(old.vertexCount).fill(-1);
  let j = 0;
  for (let i = 0; i < old.vertexCount && j < next.vertexCount; i++) {
    const id = old.id(i);
    while (j < next.vertexCount && next.id(j) < id) j++;
    if (j < next.vertexCount && next.id(j) === id) map[i] = j++;
  }
  return map;
}

function dirtyVertices(old: TAttackGraph, next: TAttackGraph, toNew: Int32Array): Uint8Array {
  const dirty = new Uint8Array(old.vertexCount);
  const oldFlags = old.fanOut.flags;
  const newFlags = next.fanOut.flags;
  for (let u = 0; u < old.vertexCount; u++) {
    const w = toNew[u];
    if (w < 0) {
      dirty[u] = 1;
      continue;
    }
    const a = old.asset(u);
    const b = next.asset(w);
    let same = oldFlags[u] === newFlags[w] && (a === b || (a !== null && b !== null && a.type === b.type && a.sensitivity === b.sensitivity));
    const start = old.offsets[u];
    const degree = old.offsets[u + 1] - start;
    const nextStart = next.offsets[w];
    if (same && degree !== next.offsets[w + 1] - nextStart) same = false;
    // out-edges are sorted by target index, then kind, and the map keeps order: compare them in step
    for (let k = 0; same && k < degree; k++) {
      if (toNew[old.targets[start + k]] !== next.targets[nextStart + k] || old.edgeKinds[start + k] !== next.edgeKinds[nextStart + k]) same = false;
    }
    if (!same) dirty[u] = 1;
  }
  return dirty;
}

function sameGroupSources(old: TAttackGraph, next: TAttackGraph, toNew: Int32Array, group: number): boolean {
  const a = group === 0 ? old.fanOut.nodes : old.fanOut.pods;
  const b = group === 0 ? next.fanOut.nodes : next.fanOut.pods;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (toNew[a[i]] !== b[i]) return false;
  return true;
}
