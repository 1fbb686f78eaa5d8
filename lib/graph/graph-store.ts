// Interns vertex identifiers to integers and collects edges while the rules run, then freezes
// them into the TAttackGraph: identifier-ordered vertices and CSR adjacency on typed arrays.
import { kindOfId } from "./ids";
import {
  EDGE_KINDS,
  VERTEX_KINDS,
  type TAssetInfo,
  type TAttackGraph,
  type TEdgeKind,
  type TGraphEdge,
  type TGraphFanOut,
  type TNewPodSources,
  type TPodInfo,
  type TVertexKind,
  type TWorkloadInfo,
} from "./types";

const EDGE_INDEX = new Map<TEdgeKind, number>(EDGE_KINDS.map((kind, i) => [kind, i]));
const VERTEX_INDEX = new Map<string, number>(VERTEX_KINDS.map((kind, i) => [kind, i]));
export const FAN_OUT = { createAllNodes: 1, execAllPods: 2, patchAllPods: 4 } as const;

/** The array, or a copy at least `i + 1` long (doubling), new slots `fill`ed. */
function grownFor<T extends Uint8Array | Int8Array | Int32Array>(array: T, i: number, fill = 0): T {
  if (i < array.length) return array;
  const grown = new (array.constructor as new (n: number) => T)(Math.max(i + 1, array.length * 2));
  if (fill !== 0) grown.fill(fill);
  grown.set(array);
  return grown;
}

/**
 * Vertex identifiers interned to integers. A live inventory's builds share one (lib/graph/build-memo.ts),
 * so an edge recorded by one build is the same integers in the next; it only grows (a fresh one
 * replaces it when it holds far more identifiers than a graph uses).
 */
export class VertexNames {
  readonly ids: string[] = [];
  readonly intern = new Map<string, number>();
  /** index into VERTEX_KINDS per identifier, -1 until first asked */
  private kinds = new Int8Array(1024).fill(-1);

  get size(): number {
    return this.ids.length;
  }

  of(id: string): number {
    let i = this.intern.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.intern.set(id, i);
    }
    return i;
  }

  kindIndex(i: number): number {
    this.kinds = grownFor(this.kinds, i, -1);
    if (this.kinds[i] < 0) this.kinds[i] = VERTEX_INDEX.get(kindOfId(this.ids[i])) ?? 0;
    return this.kinds[i];
  }
}

/** What a stretch of rules added to a builder (GraphBuilder.segment): replayed into a later build of the same VertexNames. */
export interface TSegment {
  /** every vertex the rules named, edges' ends included */
  readonly touched: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly kinds: Uint8Array;
  /** fan-out flags set: vertex, bits, … */
  readonly flags: Int32Array;
}

/** Collects vertices and edges; edge columns are growable typed arrays (millions of edges, little garbage). */
export class GraphBuilder {
  private readonly ids: string[];
  private readonly intern: Map<string, number>;
  /** per identifier of `names`, 1 when this build uses it */
  private live = new Uint8Array(1 << 12);
  private readonly used: number[] = [];
  private from = new Int32Array(1 << 16);
  private to = new Int32Array(1 << 16);
  private kinds = new Uint8Array(1 << 16);
  private edgeCount = 0;
  private readonly assets = new Map<number, TAssetInfo>();
  private readonly flags = new Map<number, number>();
  /** while a segment records: the vertices it named (stamped with `serial` to list each once) */
  private recording: { touched: number[]; firstEdge: number; flags: number[] } | null = null;
  private stamps: Int32Array | null = null;
  private serial = 0;

  constructor(readonly names: VertexNames = new VertexNames()) {
    this.ids = names.ids;
    this.intern = names.intern;
  }

  vertex(id: string): number {
    let i = this.intern.get(id);
    if (i === undefined) i = this.names.of(id);
    if (i >= this.live.length || this.live[i] === 0) this.use(i);
    if (this.recording) this.touch(i);
    return i;
  }

  private use(i: number): void {
    this.live = grownFor(this.live, i);
    this.live[i] = 1;
    this.used.push(i);
  }

  private touch(i: number): void {
    const stamps = (this.stamps = grownFor(this.stamps!, i));
    if (stamps[i] === this.serial) return;
    stamps[i] = this.serial;
    this.recording!.touched.push(i);
  }

  /** Whether this build has named the vertex. */
  has(id: string): boolean {
    const i = this.intern.get(id);
    return i !== undefined && i < this.live.length && this.live[i] === 1;
  }

  edge(kind: TEdgeKind, from: string | number, to: string | number): void {
    const u = typeof from === "number" ? from : this.vertex(from);
    const v = typeof to === "number" ? to : this.vertex(to);
    if (u === v) return;
    if (this.recording) {
      this.touch(u);
      this.touch(v);
    }
    if (this.edgeCount === this.from.length) this.grow(this.edgeCount + 1);
    this.from[this.edgeCount] = u;
    this.to[this.edgeCount] = v;
    this.kinds[this.edgeCount++] = EDGE_INDEX.get(kind)!;
  }

  private grow(needed: number): void {
    let size = this.from.length * 2;
    while (size < needed) size *= 2;
    const from = new Int32Array(size);
    from.set(this.from);
    const to = new Int32Array(size);
    to.set(this.to);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    Object.assign(this, { from, to, kinds });
  }

  /**
   * Runs `rules` and returns what they added, to replay into a later build sharing these names.
   * The rules may name vertices, add edges and set fan-out flags; assets are not recorded.
   */
  segment(rules: () => void): TSegment {
    if (this.recording) throw new Error("segments do not nest");
    this.stamps ??= new Int32Array(this.ids.length + 1024);
    this.serial++;
    const recording = (this.recording = { touched: [], firstEdge: this.edgeCount, flags: [] });
    try {
      rules();
    } finally {
      this.recording = null;
    }
    const { firstEdge } = recording;
    return {
      touched: Int32Array.from(recording.touched),
      from: this.from.slice(firstEdge, this.edgeCount),
      to: this.to.slice(firstEdge, this.edgeCount),
      kinds: this.kinds.slice(firstEdge, this.edgeCount),
      flags: Int32Array.from(recording.flags),
    };
  }

  /** Adds what a segment recorded (made by a builder of the same names). */
  replay(segment: TSegment): void {
    const { touched, from, to, kinds, flags } = segment;
    for (let k = 0; k < touched.length; k++) {
      const i = touched[k];
      if (i >= this.live.length || this.live[i] === 0) this.use(i);
    }
    for (let k = 0; k < flags.length; k += 2) this.flags.set(flags[k], (this.flags.get(flags[k]) ?? 0) | flags[k + 1]);
    const m = from.length;
    if (m === 0) return;
    if (this.edgeCount + m > this.from.length) this.grow(this.edgeCount + m);
    this.from.set(from, this.edgeCount);
    this.to.set(to, this.edgeCount);
    this.kinds.set(kinds, this.edgeCount);
    this.edgeCount += m;
  }

  /** The edges collected so far, by identifier (a scratch builder's output, before any freeze). */
  edgeList(): TGraphEdge[] {
    const out: TGraphEdge[] = [];
    for (let e = 0; e < this.edgeCount; e++) out.push({ from: this.ids[this.from[e]], edge: EDGE_KINDS[this.kinds[e]], to: this.ids[this.to[e]] });
    return out;
  }

  asset(id: string, info: TAssetInfo): void {
    this.assets.set(this.vertex(id), info);
  }

  flag(id: string, bit: number): void {
    const i = this.vertex(id);
    this.flags.set(i, (this.flags.get(i) ?? 0) | bit);
    this.recording?.flags.push(i, bit);
  }

  /**
   * `previous`: a graph of the same cluster built before (a live run's), whose identifiers are
   * already in order: only the identifiers it lacks are sorted, then merged in.
   */
  freeze(
    cluster: string,
    pods: TPodInfo[],
    workloads: TWorkloadInfo[],
    newPodSources: ReadonlyMap<string, TNewPodSources> = new Map(),
    previous: TAttackGraph | null = null,
  ): TAttackGraph {
    const { ids, names } = this;
    // Identifier order makes "lexicographically smaller path" an integer comparison.
    const order = previous ? this.orderAfter(previous) : Int32Array.from(this.used).sort(this.byId);
    const n = order.length;
    // names index → this graph's vertex (-1: not in this graph)
    const remap = new Int32Array(ids.length).fill(-1);
    const sorted: string[] = new Array(n);
    const vertexKinds = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      remap[order[k]] = k;
      sorted[k] = ids[order[k]];
      vertexKinds[k] = names.kindIndex(order[k]);
    }
    const m = this.edgeCount;
    const csr = buildCsr(n, this.from.subarray(0, m), this.to.subarray(0, m), this.kinds.subarray(0, m), remap);
    const assets: (TAssetInfo | null)[] = new Array(n).fill(null);
    for (const [i, info] of this.assets) assets[remap[i]] = info;
    const flags = new Uint8Array(n);
    for (const [i, bits] of this.flags) flags[remap[i]] = bits;
    const position = (id: string) => {
      const i = this.intern.get(id);
      return i === undefined ? -1 : remap[i];
    };
    const indexOf = (list: string[]) => Int32Array.from(list.map(position).filter((i) => i >= 0)).sort();
    const nodeKind = VERTEX_INDEX.get("Node")!;
    const nodes = sorted.filter((id, k) => vertexKinds[k] === nodeKind);
    const real = nodes.filter((id) => id !== "Node/unscheduled");
    const fanOut: TGraphFanOut = { flags, nodes: indexOf(real.length > 0 ? real : nodes), pods: indexOf(pods.map((p) => p.id)) };
    const graph = new AttackGraph(cluster, sorted, names, order, remap, csr, assets, vertexKinds, fanOut, pods, workloads);
    graph.newPodSources = newPodSources;
    return graph;
  }

  /** Compares two names indices by identifier. */
  private readonly byId = (a: number, b: number) => (this.ids[a] < this.ids[b] ? -1 : this.ids[a] > this.ids[b] ? 1 : 0);

  /** The identifiers in order (as indices of `names`), from an earlier graph's order: the ones still here, merged with the new ones sorted. */
  private orderAfter(previous: TAttackGraph): Int32Array {
    const { ids, live, used } = this;
    // the earlier graph's vertices as names indices (-1: never named here); by index when it shares the names
    const earlier =
      previous instanceof AttackGraph && previous.names === this.names ? previous.order : Int32Array.from({ length: previous.vertexCount }, (_, k) => this.intern.get(previous.id(k)) ?? -1);
    const kept: number[] = [];
    const seen = new Uint8Array(ids.length);
    for (const i of earlier) {
      if (i < 0 || i >= live.length || live[i] === 0) continue;
      seen[i] = 1;
      kept.push(i);
    }
    const fresh: number[] = [];
    for (const i of used) if (seen[i] === 0) fresh.push(i);
    if (fresh.length === 0) return Int32Array.from(kept);
    fresh.sort(this.byId);
    const out = new Int32Array(kept.length + fresh.length);
    let a = 0;
    let b = 0;
    for (let k = 0; k < out.length; k++) out[k] = b >= fresh.length || (a < kept.length && ids[kept[a]] < ids[fresh[b]]) ? kept[a++] : fresh[b++];
    return out;
  }
}

/**
 * Vertex indices of `old` as indices of `next` (-1: not there) when both were built on the same
 * VertexNames (a live inventory's builds): by names index, no identifier compared. Null otherwise.
 */
export function vertexMapByNames(old: TAttackGraph, next: TAttackGraph): Int32Array | null {
  if (!(old instanceof AttackGraph) || !(next instanceof AttackGraph) || old.names !== next.names) return null;
  const map = new Int32Array(old.vertexCount);
  for (let u = 0; u < old.vertexCount; u++) {
    const i = old.order[u];
    map[u] = next.positionOf(i);
  }
  return map;
}

interface TCsr {
  offsets: Int32Array;
  targets: Int32Array;
  edgeKinds: Uint8Array;
}

// Counting sort by source, then each source's edges by (target, kind); duplicates dropped.
function buildCsr(n: number, from: Int32Array, to: Int32Array, kinds: Uint8Array, remap: Int32Array): TCsr {
  const m = from.length;
  const counts = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) counts[remap[from[e]] + 1]++;
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const keys = new Float64Array(m);
  const cursor = counts.slice(0, n);
  for (let e = 0; e < m; e++) keys[cursor[remap[from[e]]]++] = remap[to[e]] * 64 + kinds[e];
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(m);
  const edgeKinds = new Uint8Array(m);
  let out = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = out;
    const start = counts[i];
    const end = counts[i + 1];
    if (end - start > 16) keys.subarray(start, end).sort();
    else {
      // few out-edges (most vertices): an insertion sort in place, no subarray view per vertex
      for (let k = start + 1; k < end; k++) {
        const key = keys[k];
        let j = k - 1;
        while (j >= start && keys[j] > key) {
          keys[j + 1] = keys[j];
          j--;
        }
        keys[j + 1] = key;
      }
    }
    let previous = -1;
    for (let k = start; k < end; k++) {
      const key = keys[k];
      if (key === previous) continue;
      previous = key;
      targets[out] = Math.floor(key / 64);
      edgeKinds[out] = key % 64;
      out++;
    }
  }
  offsets[n] = out;
  return { offsets, targets: targets.slice(0, out), edgeKinds: edgeKinds.slice(0, out) };
}

class AttackGraph implements TAttackGraph {
  readonly vertexCount: number;
  readonly edgeCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly edgeKinds: Uint8Array;
  private readonly podById: Map<string, TPodInfo>;
  private readonly workloadById: Map<string, TWorkloadInfo>;
  newPodSources: ReadonlyMap<string, TNewPodSources> = new Map();

  constructor(
    readonly cluster: string,
    private readonly ids: string[],
    /** the builder's names: `order[k]` is vertex k's index there, `remap` the reverse (-1: not in this graph) */
    readonly names: VertexNames,
    readonly order: Int32Array,
    private readonly remap: Int32Array,
    csr: TCsr,
    private readonly assets: (TAssetInfo | null)[],
    readonly vertexKinds: Uint8Array,
    readonly fanOut: TGraphFanOut,
    readonly pods: readonly TPodInfo[],
    readonly workloads: readonly TWorkloadInfo[],
  ) {
    this.vertexCount = ids.length;
    this.offsets = csr.offsets;
    this.targets = csr.targets;
    this.edgeKinds = csr.edgeKinds;
    this.edgeCount = csr.targets.length;
    this.podById = new Map(pods.map((p) => [p.id, p]));
    this.workloadById = new Map(workloads.map((w) => [w.id, w]));
  }

  id(i: number): string {
    return this.ids[i];
  }

  /** This graph's vertex for an index of its names (-1: not in this graph). */
  positionOf(nameIndex: number): number {
    // names only grow: an identifier interned after this graph was built is not in it
    return nameIndex < this.remap.length ? this.remap[nameIndex] : -1;
  }

  index(id: string): number {
    const i = this.names.intern.get(id);
    return i === undefined ? -1 : this.positionOf(i);
  }

  kind(i: number): TVertexKind {
    return VERTEX_KINDS[this.vertexKinds[i]];
  }

  asset(i: number): TAssetInfo | null {
    return this.assets[i];
  }

  *edges(): Iterable<TGraphEdge> {
    const { offsets, targets, edgeKinds, ids } = this;
    for (let i = 0; i < ids.length; i++) {
      for (let e = offsets[i]; e < offsets[i + 1]; e++) yield { from: ids[i], edge: EDGE_KINDS[edgeKinds[e]], to: ids[targets[e]] };
    }
  }

  pod(podId: string): TPodInfo | undefined {
    return this.podById.get(podId);
  }

  workload(workloadId: string): TWorkloadInfo | undefined {
    return this.workloadById.get(workloadId);
  }
}
