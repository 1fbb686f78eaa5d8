// The CPU-bound part of an inventory upload, as plain data ready to store: parse, build the
// attack graph (refused above the graph-size limits), compute every workload's blast radius, and
// compact it all. Runs on a worker thread (lib/workers/inventory-analysis.ts) with a memory cap.
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { TInventory, TInventorySource } from "../inventory/types";
import type { TAttackGraph, TWorkloadRadius } from "../graph/types";
import type { TControllerRecord } from "../graph/pod-name-owner";
import type { TRowsFrom, TWorkloadRecord } from "../db/snapshots";
import { documentsAsList } from "../inventory/live-changes";
import { analyzeInventory, analyzeParsed, graphAssets } from "./analyze-inventory";
import { newPodContainer } from "../graph/blast-radius";
import type { RadiusMemo, TRadiusMemoFigures } from "../graph/radius-memo";
import { stableWorkloadId } from "./workload-id";
import { encodeGraph } from "./graph-blob";
import { escapeEdgesOf, postureFigures, type TPostureFigures } from "./posture-figures";
import { compactAttackGraph, compactReachable, tierCounts, VertexDictionary } from "./compact-snapshot";

export interface TGraphLimits {
  maxEdges: number;
  maxVertices: number;
}

/** The inventory is valid but its attack graph is over a configured limit (answered 413). */
export class InventoryTooLargeError extends Error {}

export interface TPreparedSnapshot {
  objects: number;
  pods: number;
  edges: number;
  assets: number;
  skipped: Record<string, number>;
  teamNames: string[];
  /** Team documents not applied (the uploader may not change teams) */
  teamsSkipped: string[];
  workloads: TWorkloadRecord[];
  /** how many workloads the snapshot has (a live run may send only the changed ones in `workloads`) */
  workloadCount: number;
  /** per namespace, how a pod the inventory does not show is scored (kind UnknownPod; stored with the workloads, listed nowhere) */
  unknownPods: TWorkloadRecord[];
  /** gzip'd compact graph (lib/snapshots/graph-blob.ts) */
  graph: Uint8Array;
  /** gzip'd JSON List of the accepted documents: what live changes apply to (absent when not asked for: a live run between compactions) */
  source?: Uint8Array;
  podIndex: { namespace: string; name: string; workloadKey: string; nodeName: string | null; serviceAccount: string | null }[];
  controllers: TControllerRecord[];
  /** set by a live run: podIndex and controllers hold only what changed since this snapshot's (TSnapshotRecord.rowsFrom) */
  rowsFrom?: TRowsFrom;
  /** the figures posture over time charts (lib/snapshots/posture-figures.ts) */
  posture: TPostureFigures;
  /** a live run's searches reused from its previous run and run again (lib/graph/radius-memo.ts); null without a memo */
  searches: TRadiusMemoFigures | null;
  /** where the worker's time went, in ms: parse, graph and its compaction, blast radius; then the records and the wait for compression */
  timings: { analyzeMs: number; packMs: number };
}

export interface TPrepareOptions {
  /** whether Team documents create or change teams (analyzeInventory) */
  applyTeams?: boolean;
  /** whether to pack the documents for storage (a live run between compactions does not) */
  packSource?: boolean;
  /** the vertex dictionary to extend (a live run keeps its previous run's, so an unchanged workload's stored paths are the same integers and its row is copied) */
  dict?: VertexDictionary;
  /** the cluster's previous search answers (a live run): only searches a change can affect run again */
  radiusMemo?: RadiusMemo;
}

// A live run reuses the previous run's search answers (lib/graph/radius-memo.ts): the same answer
// over the same (append-only) dictionary encodes the same way, so its encoding is reused too, and
// the worker tells an unchanged row by the identity of its `reachable`.
const compactCache = new WeakMap<object, { dict: VertexDictionary; tierCounts: TWorkloadRecord["tierCounts"]; reachable: TWorkloadRecord["reachable"] }>();

function compactOf(dict: VertexDictionary, r: TWorkloadRadius): { tierCounts: TWorkloadRecord["tierCounts"]; reachable: TWorkloadRecord["reachable"] } {
  const hit = compactCache.get(r.reachable);
  if (hit?.dict === dict) return { tierCounts: hit.tierCounts, reachable: hit.reachable };
  const made = { dict, tierCounts: tierCounts(r), reachable: compactReachable(dict, r) };
  compactCache.set(r.reachable, made);
  return { tierCounts: made.tierCounts, reachable: made.reachable };
}

const gzipped = promisify(gzip);
// One output chunk for the whole input: zlib then compresses it in one go on a libuv thread. With
// the default 16 KiB chunks each chunk waits for this thread's event loop, busy with blast radius.
const pack = (bytes: string | Buffer) => gzipped(bytes, { level: 1, chunkSize: Math.max(64 * 1024, Buffer.byteLength(bytes) + 1024) });

/** `input`: an inventory source to parse, or an inventory already parsed (a live run's, inventoryOfDocuments). */
export async function prepareSnapshot(
  input: TInventorySource | { inventory: TInventory },
  cluster: string,
  limits: TGraphLimits,
  { applyTeams = true, packSource = true, dict = new VertexDictionary(), radiusMemo }: TPrepareOptions = {},
): Promise<TPreparedSnapshot> {
  let compactGraph: ReturnType<typeof compactAttackGraph> | null = null;
  let graphPacked: Promise<Buffer> | null = null;
  let encodedIds = 0;
  // Called by the analysis once the graph is built, before blast radius: refuses it above the
  // limits, else compacts it and starts compressing it.
  const graphBuilt = (g: TAttackGraph) => {
    if (g.vertexCount > limits.maxVertices) {
      throw new InventoryTooLargeError(`the attack graph has ${g.vertexCount} vertices, over the limit of ${limits.maxVertices} (INVENTORY_MAX_VERTICES)`);
    }
    if (g.edgeCount > limits.maxEdges) {
      throw new InventoryTooLargeError(`the attack graph has ${g.edgeCount} edges, over the limit of ${limits.maxEdges} (INVENTORY_MAX_EDGES)`);
    }
    // The graph is compacted now, and compressed on a libuv thread while blast radius is computed.
    // Its dictionary must hold every identifier a stored path names: the graph's, and the
    // stand-in containers the unknown-pod paths start from (checked again below).
    for (const namespace of g.newPodSources.keys()) dict.intern(newPodContainer(namespace));
    compactGraph = compactAttackGraph(dict, g, graphAssets(g));
    encodedIds = dict.ids.length;
    graphPacked = pack(encodeGraph(compactGraph));
    graphPacked.catch(() => {});
  };
  const t0 = performance.now();
  const { inventory, graph: attackGraph, radii, newPods, podIndex, teamsSkipped, controllers, searches } = "inventory" in input
    ? analyzeParsed(input.inventory, cluster, graphBuilt, { applyTeams, radiusMemo })
    : analyzeInventory([input], cluster, graphBuilt, { applyTeams });
  const t1 = performance.now();
  // resolveTeam takes a Team that lists the workload's namespace, else one whose selector matches its labels
  const teamNamespaces = new Map(inventory.teams.map((t) => [t.name, new Set(t.namespaces)]));
  const record = (r: TWorkloadRadius): TWorkloadRecord => ({
    key: r.workload,
    stableId: stableWorkloadId(cluster, r.workload),
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    teamName: r.team,
    teamSource: r.team ? (teamNamespaces.get(r.team)?.has(r.namespace) ? "team_namespace" : "team_selector") : null,
    score: r.score,
    breakdown: r.breakdown,
    pods: r.pods,
    ...compactOf(dict, r),
  });
  const workloads = radii.map(record);
  const unknownPods = newPods.map(record);
  // a path named an identifier the encoded dictionary lacks: encode it again, whole
  if (dict.ids.length !== encodedIds) graphPacked = pack(encodeGraph(compactGraph!));
  const graph = compactGraph!;
  const source = packSource ? pack(documentsAsList(inventory.documents)) : undefined;
  const posture = postureFigures(inventory, escapeEdgesOf(attackGraph), radii);
  const packed = { graph: await graphPacked!, source: await source, posture };
  return {
    objects: inventory.objects,
    pods: inventory.pods.length,
    edges: graph.e.length / 3,
    assets: graph.a.length,
    skipped: inventory.skipped,
    teamNames: inventory.teams.map((t) => t.name),
    teamsSkipped,
    workloads,
    workloadCount: workloads.length,
    unknownPods,
    ...packed,
    podIndex,
    controllers,
    searches,
    timings: { analyzeMs: Math.round(t1 - t0), packMs: Math.round(performance.now() - t1) },
  };
}
