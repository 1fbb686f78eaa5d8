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
import { vertexMapByNames } from "./graph-store";
import type { TGroupTable } from "./search";
import type { TAttackGraph, TReachableAsset } from "./types";

interface TEntry {
  /** the vertices the search expanded (its sources included), by index in the graph it ran on */
  visited: Int32Array;
  /** bit g: the search entered fan-out group g (its table's contents are part of the answer) */
  groups: number;
  reachable: TReachableAsset[];
}

/** A group table as the memo compares it: per vertex of its graph, cost, hops, the vertex and edge kind before it (-1: none). */
interface TTableState {
  cost: Int32Array;
  hops: Int32Array;
  parent: Int32Array;
  kind: Int8Array;
  /** the vertices it reached */
  reached: Int32Array;
}

/** A set of pods' search (RadiusEngine.reachFromPods): which search, and the pods' own vertices that chose its sources. */
interface TPodsEntry {
  own: Int32Array;
  key: string;
}

/** What the memo keeps of one run: its graph, its searches, and the groups' tables as searched. */
interface TRunState {
  graph: TAttackGraph;
  entries: Map<string, TEntry>;
  /** by the pods' identifiers, one per line */
  pods: Map<string, TPodsEntry>;
  /** per fan-out group, its table (null: never computed) */
  groups: (TTableState | null)[];
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
  /** per group, whether the previous run's table holds on this graph (undefined: not asked yet) */
  private readonly groupValid: (boolean | undefined)[] = [undefined, undefined];
  /** per group whose table holds without being computed again: the previous one, as indices of this graph */
  private readonly carried: (TTableState | null)[] = [null, null];
  private tables: GroupTables | null = null;
  private readonly entries = new Map<string, TEntry>();
  private readonly pods = new Map<string, TPodsEntry>();
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
  }

  /** The group tables of the engine searching this graph (a group that changed is compared by its new table). */
  useTables(tables: GroupTables): void {
    this.tables = tables;
  }

  private groupHolds(g: number): boolean {
    let valid = this.groupValid[g];
    if (valid !== undefined) return valid;
    const old = this.previous!.groups[g];
    const toNew = this.toNew!;
    if (!old) valid = false;
    else if (sameGroupSources(this.previous!.graph, this.graph, toNew, g) && allClean(old.reached, this.dirty!)) {
      valid = true;
      this.carried[g] = carryTable(old, toNew, this.graph.vertexCount);
    } else valid = this.tables !== null && sameTable(old, tableState(this.graph, this.tables.table(g)), toNew, this.previous!.graph, this.graph);
    this.groupValid[g] = valid;
    return valid;
  }

  /**
   * What still holds of the previous run's search for these pods (their identifiers, one per line):
   * the same pods whose own vertices (containers and their volumes) are all clean have the same
   * classes, so the search starts from the same containers: its answer (`reachable`) when that
   * search holds too, else its `sources` and the pods' `own` vertices, as indices of this graph.
   */
  lookupPods(podsKey: string): { reachable: TReachableAsset[] } | { own: Int32Array; sources: number[] } | null {
    const entry = this.previous?.pods.get(podsKey);
    if (!entry) return null;
    const own = cleanOnNew(entry.own, this.dirty!, this.toNew!);
    if (!own) return null;
    const reachable = this.lookupKey(entry.key);
    if (reachable) {
      this.pods.set(podsKey, { own, key: entry.key });
      return { reachable };
    }
    const sources = entry.key.split("\n").map((id) => this.graph.index(id));
    return { own, sources: sources.sort((a, b) => a - b) };
  }

  /** A search for these pods just run from `sources`, chosen by the pods' own vertices `own`. */
  recordPods(podsKey: string, own: Int32Array, sources: ArrayLike<number>): void {
    this.pods.set(podsKey, { own, key: sourceKey(this.graph, sources) });
  }

  /** The previous run's answer for a search from `sources` (indices of this graph, sorted), when it still holds. */
  lookup(sources: ArrayLike<number>): TReachableAsset[] | null {
    return this.previous ? this.lookupKey(sourceKey(this.graph, sources)) : null;
  }

  private lookupKey(key: string): TReachableAsset[] | null {
    const entry = this.previous!.entries.get(key);
    if (!entry) return null;
    const visited = cleanOnNew(entry.visited, this.dirty!, this.toNew!);
    if (!visited) return null;
    for (let g = 0; g < 2; g++) if (entry.groups & (1 << g) && !this.groupHolds(g)) return null;
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
      return table ? tableState(this.graph, table) : this.carried[g];
    });
    this.commit({ graph: this.graph, entries: this.entries, pods: this.pods, groups });
  }
}

function tableState(graph: TAttackGraph, table: TGroupTable): TTableState {
  const n = table.cost.length;
  const kind = new Int8Array(n).fill(-1);
  const reached: number[] = [];
  for (let v = 0; v < n; v++) {
    if (table.cost[v] < 0) continue;
    reached.push(v);
    if (table.pedge[v] >= 0) kind[v] = graph.edgeKinds[table.pedge[v]];
  }
  return { cost: table.cost, hops: table.hops, parent: table.parent, kind, reached: Int32Array.from(reached) };
}

/** A table that holds on the next graph, as indices of it (every vertex it reached is still there). */
function carryTable(old: TTableState, toNew: Int32Array, n: number): TTableState {
  const cost = new Int32Array(n).fill(-1);
  const hops = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const kind = new Int8Array(n).fill(-1);
  const reached = new Int32Array(old.reached.length);
  old.reached.forEach((u, i) => {
    const w = toNew[u];
    reached[i] = w;
    cost[w] = old.cost[u];
    hops[w] = old.hops[u];
    parent[w] = old.parent[u] < 0 ? -1 : toNew[old.parent[u]];
    kind[w] = old.kind[u];
  });
  reached.sort();
  return { cost, hops, parent, kind, reached };
}

/**
 * The new table gives every vertex the old one reached the same label, and reaches besides only
 * new vertices that are not assets. A vertex the old table reached may be gone from the graph (a
 * RoleBinding's subject removed) when it was no asset and no path ran through it: it was no other
 * vertex's parent, so every answer through the group named it nowhere.
 */
function sameTable(old: TTableState, fresh: TTableState, toNew: Int32Array, oldGraph: TAttackGraph, graph: TAttackGraph): boolean {
  const matched = new Uint8Array(graph.vertexCount);
  for (const w of toNew) if (w >= 0) matched[w] = 1; // vertices the old graph had
  let gone = 0;
  for (const u of old.reached) {
    const w = toNew[u];
    if (w < 0) {
      if (oldGraph.asset(u) !== null) return false;
      gone++;
      continue;
    }
    if (fresh.cost[w] !== old.cost[u] || fresh.hops[w] !== old.hops[u] || fresh.kind[w] !== old.kind[u]) return false;
    // (a parent gone shows here too: the vertex is now reached through another, or is a source with no hops)
    if (fresh.parent[w] !== (old.parent[u] < 0 ? -1 : toNew[old.parent[u]])) return false;
  }
  let extra = 0;
  for (const w of fresh.reached) {
    if (matched[w] === 1) continue;
    if (graph.asset(w) !== null) return false;
    extra++;
  }
  // every other vertex it reaches is one the old table reached
  return fresh.reached.length === old.reached.length - gone + extra;
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

/** Vertex indices follow identifier order in both graphs: one merge of the two sorted lists (by names index when the builds shared them). */
function vertexMap(old: TAttackGraph, next: TAttackGraph): Int32Array {
  const byNames = vertexMapByNames(old, next);
  if (byNames) return byNames;
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
