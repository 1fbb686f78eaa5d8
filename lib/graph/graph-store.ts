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

/** Collects vertices and edges; edge columns are growable typed arrays (millions of edges, little garbage). */
export class GraphBuilder {
  private readonly ids: string[] = [];
  private readonly intern = new Map<string, number>();
  private from = new Int32Array(1 << 16);
  private to = new Int32Array(1 << 16);
  private kinds = new Uint8Array(1 << 16);
  private edgeCount = 0;
  private readonly assets = new Map<number, TAssetInfo>();
  private readonly flags = new Map<number, number>();

  vertex(id: string): number {
    let i = this.intern.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.ids.push(id);
      this.intern.set(id, i);
    }
    return i;
  }

  has(id: string): boolean {
    return this.intern.has(id);
  }

  edge(kind: TEdgeKind, from: string | number, to: string | number): void {
    const u = typeof from === "number" ? from : this.vertex(from);
    const v = typeof to === "number" ? to : this.vertex(to);
    if (u === v) return;
    if (this.edgeCount === this.from.length) this.grow();
    this.from[this.edgeCount] = u;
    this.to[this.edgeCount] = v;
    this.kinds[this.edgeCount++] = EDGE_INDEX.get(kind)!;
  }

  private grow(): void {
    const size = this.from.length * 2;
    const from = new Int32Array(size);
    from.set(this.from);
    const to = new Int32Array(size);
    to.set(this.to);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    Object.assign(this, { from, to, kinds });
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
    const n = this.ids.length;
    // Identifier order makes "lexicographically smaller path" an integer comparison.
    const sorted = previous ? this.orderAfter(previous) : [...this.ids].sort();
    const remap = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      remap[this.intern.get(sorted[i])!] = i;
      this.intern.set(sorted[i], i);
    }
    const m = this.edgeCount;
    const csr = buildCsr(n, this.from.subarray(0, m), this.to.subarray(0, m), this.kinds.subarray(0, m), remap);
    const assets: (TAssetInfo | null)[] = new Array(n).fill(null);
    for (const [i, info] of this.assets) assets[remap[i]] = info;
    const vertexKinds = new Uint8Array(n);
    for (let i = 0; i < n; i++) vertexKinds[i] = VERTEX_INDEX.get(kindOfId(sorted[i])) ?? 0;
    const flags = new Uint8Array(n);
    for (const [i, bits] of this.flags) flags[remap[i]] = bits;
    const indexOf = (ids: string[]) => Int32Array.from(ids.map((id) => this.intern.get(id) ?? -1).filter((i) => i >= 0)).sort();
    const nodes = sorted.filter((id) => id.startsWith("Node/"));
    const real = nodes.filter((id) => id !== "Node/unscheduled");
    const fanOut: TGraphFanOut = { flags, nodes: indexOf(real.length > 0 ? real : nodes), pods: indexOf(pods.map((p) => p.id)) };
    const graph = new AttackGraph(cluster, sorted, this.intern, csr, assets, vertexKinds, fanOut, pods, workloads);
    graph.newPodSources = newPodSources;
    return graph;
  }
  /** The identifiers in order, from an earlier graph's order: the ones still here, merged with the new ones sorted. */
  private orderAfter(previous: TAttackGraph): string[] {
    const { ids, intern } = this;
    const seen = new Uint8Array(ids.length);
    const kept: string[] = [];
    for (let i = 0; i < previous.vertexCount; i++) {
      const id = previous.id(i);
      const at = intern.get(id);
      if (at === undefined) continue;
      seen[at] = 1;
      kept.push(ids[at]);
    }
    const fresh: string[] = [];
    for (let i = 0; i < ids.length; i++) if (seen[i] === 0) fresh.push(ids[i]);
    if (fresh.length === 0) return kept;
    fresh.sort();
    const out: string[] = new Array(ids.length);
    let a = 0;
    let b = 0;
    for (let k = 0; k < out.length; k++) out[k] = b >= fresh.length || (a < kept.length && kept[a] < fresh[b]) ? kept[a++] : fresh[b++];
    return out;
  }
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
    if (end - start > 1) keys.subarray(start, end).sort();
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
    private readonly intern: Map<string, number>,
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

  index(id: string): number {
    return this.intern.get(id) ?? -1;
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
