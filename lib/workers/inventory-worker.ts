// Worker thread entry (see inventory-analysis.ts): prepares one inventory snapshot per message.
// A cluster's documents stay here between runs (per cluster, the documents of the snapshot the
// last upload or live run made, and its searches): the next live run is sent its changes only, and
// only the documents they touch are validated again (inventoryOfDocuments); the next upload runs
// again only the searches its differences can affect.
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
import { applyChanges, type TAcceptedChange } from "../inventory/live-changes";
import { inventoryOfDocuments, parseInventory, type TFiledDocument } from "../inventory/parse-inventory";
import { withoutTeams } from "../snapshots/analyze-inventory";
import { InventoryError, type TInventorySource } from "../inventory/types";
import type { TWorkloadRecord } from "../db/snapshots";
import { RadiusMemo } from "../graph/radius-memo";
import { VertexDictionary } from "../snapshots/compact-snapshot";
import { rowDelta } from "../snapshots/row-delta";
import { InventoryTooLargeError, prepareSnapshot, type TGraphLimits, type TPreparedSnapshot } from "../snapshots/prepare-snapshot";

/** An upload: `source` analysed whole. */
export interface TAnalysisRequest {
  id: number;
  source: TInventorySource;
  cluster: string;
  limits: TGraphLimits;
  applyTeams: boolean;
  /** the id the snapshot made from this upload will have (its documents are held as that snapshot) */
  next: string;
}

/** A live run: `changes` applied to the documents of snapshot `base` (held here, else read from `source`; "empty" when the cluster has none). */
export interface TLiveAnalysisRequest {
  id: number;
  live: true;
  cluster: string;
  limits: TGraphLimits;
  applyTeams: boolean;
  base: string | null;
  /** the id the snapshot made from this run will have */
  next: string;
  changes: Pick<TAcceptedChange, "type" | "key" | "document">[];
  source?: TInventorySource | "empty";
  /** whether to pack the documents for storage (a compaction) or leave them as changes against a base */
  packSource: boolean;
}

export type TAnalysisFailure =
  | { kind: "inventory"; source: string; documentIndex: number; field: string; reason: string }
  | { kind: "too_large"; message: string }
  /** a live run without its source, and this worker does not hold the base snapshot's documents */
  | { kind: "no_base" }
  | { kind: "other"; message: string };

export interface TAnalysisResponse {
  id: number;
  result?: TPreparedSnapshot;
  failure?: TAnalysisFailure;
}

/**
 * What is held at most: four clusters, and documents within a third of the worker's heap (so a
 * run of another cluster still fits beside them), at ~8 KB each with their searches and build
 * memo (measured: 130–150 MB for the 10k-pod synthetic cluster's 21,000 documents). The least
 * recently run cluster is dropped first; the one just run is always held.
 */
const HELD_CLUSTERS = 4;
const HELD_BYTES_PER_DOCUMENT = 8 * 1024;
interface THeld {
  snapshotId: string;
  documents: ReadonlyMap<string, Record<string, unknown>>;
  /** the snapshot's pod index and controllers, whole: what the next run's rows are a change against */
  podIndex: TPreparedSnapshot["podIndex"];
  controllers: TPreparedSnapshot["controllers"];
  /** the vertex dictionary its paths are written over (extended by the next run, renewed at a compaction) */
  dict: VertexDictionary;
  /** each workload record (UnknownPod stand-ins included): what the next run compares with */
  workloads: TWorkloadRecord[];
  /** the last graph's searches: a graph compared with graph, valid whatever snapshot the next run starts from */
  radius: RadiusMemo;
}

// Records whose `reachable` is the same object (a reused search, prepare-snapshot.ts) have the same
// score, breakdown and tier counts (all made from it): only their own fields can differ.
function sameRecord(a: TWorkloadRecord, b: TWorkloadRecord): boolean {
  if (a.reachable !== b.reachable) return JSON.stringify(a) === JSON.stringify(b);
  return (
    a.key === b.key &&
    a.stableId === b.stableId &&
    a.kind === b.kind &&
    a.namespace === b.namespace &&
    a.name === b.name &&
    a.teamName === b.teamName &&
    (a.teamSource ?? null) === (b.teamSource ?? null) &&
    a.pods.length === b.pods.length &&
    a.pods.every((pod, i) => pod === b.pods[i])
  );
}
const held = new Map<string, THeld>();
const filed = new WeakMap<object, TFiledDocument>();

/** Makes `cluster` the most recently held, then drops the least recently run others until `held` is within the bounds. */
export function holdWithin<T extends { documents: ReadonlyMap<unknown, unknown> }>(held: Map<string, T>, cluster: string, state: T, bounds: { clusters: number; documents: number }): void {
  held.delete(cluster);
  held.set(cluster, state);
  let documents = 0;
  for (const h of held.values()) documents += h.documents.size;
  for (const [other, h] of held) {
    if (other === cluster || (held.size <= bounds.clusters && documents <= bounds.documents)) break;
    held.delete(other);
    documents -= h.documents.size;
  }
}

// Held as snapshot `next`: if that snapshot is never stored, the next run names another base and is sent the source again.
function hold(cluster: string, state: THeld): void {
  holdWithin(held, cluster, state, { clusters: HELD_CLUSTERS, documents: getHeapStatistics().heap_size_limit / 3 / HELD_BYTES_PER_DOCUMENT });
}

/** The clusters whose documents this worker holds, least recently run first (for tests). */
export function heldClusters(): string[] {
  return [...held.keys()];
}

/**
 * An upload, analysed whole with the cluster's previous searches (a search nothing it read
 * changed is reused), its documents then held as snapshot `next` (Team documents left out when
 * the uploader may not change teams, as they are stored): the cluster's next live run is sent its
 * changes only.
 */
export async function uploadRun(req: TAnalysisRequest): Promise<TAnalysisResponse> {
  const parsed = parseInventory([req.source], filed);
  const radiusMemo = held.get(req.cluster)?.radius ?? new RadiusMemo();
  const dict = new VertexDictionary();
  const result = await prepareSnapshot({ inventory: parsed }, req.cluster, req.limits, { applyTeams: req.applyTeams, dict, radiusMemo });
  const documents = req.applyTeams ? parsed.documents : withoutTeams(parsed.documents);
  hold(req.cluster, { snapshotId: req.next, documents, podIndex: result.podIndex, controllers: result.controllers, dict, workloads: [...result.workloads, ...result.unknownPods], radius: radiusMemo });
  return { id: req.id, result };
}

export async function liveRun(req: TLiveAnalysisRequest): Promise<TAnalysisResponse> {
  let documents: ReadonlyMap<string, Record<string, unknown>>;
  let mine: THeld | null = null;
  if (req.source === "empty") documents = new Map();
  else if (req.source) documents = parseInventory([req.source], filed).documents;
  else {
    mine = held.get(req.cluster) ?? null;
    if (!mine || mine.snapshotId !== req.base) return { id: req.id, failure: { kind: "no_base" } };
    documents = mine.documents;
  }
  const next = applyChanges(documents, req.changes);
  const radiusMemo = held.get(req.cluster)?.radius ?? new RadiusMemo();
  // the previous run's dictionary, extended: a workload whose paths did not change encodes them as the same integers
  const dict = mine && !req.packSource ? mine.dict : new VertexDictionary();
  const result = await prepareSnapshot({ inventory: inventoryOfDocuments(next, filed) }, req.cluster, req.limits, { applyTeams: req.applyTeams, packSource: req.packSource, dict, radiusMemo });
  const records = [...result.workloads, ...result.unknownPods];
  hold(req.cluster, { snapshotId: req.next, documents: next, podIndex: result.podIndex, controllers: result.controllers, dict, workloads: records, radius: radiusMemo });
  if (mine && req.base) {
    // the base's rows are the ones it held: send only what changed (copied inside PostgreSQL otherwise)
    const pods = rowDelta(mine.podIndex, result.podIndex, (p) => `${p.namespace}\0${p.name}`, (a, b) => a.workloadKey === b.workloadKey && a.nodeName === b.nodeName && a.serviceAccount === b.serviceAccount);
    const controllers = rowDelta(
      mine.controllers,
      result.controllers,
      (c) => `${c.namespace}\0${c.kind}\0${c.name}`,
      // a selector is the controller document's own object while the document is unchanged
      (a, b) => a.workloadKey === b.workloadKey && (a.selector === b.selector || JSON.stringify(a.selector ?? null) === JSON.stringify(b.selector ?? null)),
    );
    // workload rows are compared whole; with a new dictionary (a compaction) every row is written
    const workloads = dict === mine.dict ? rowDelta(mine.workloads, records, (w) => w.key, sameRecord) : null;
    const write = workloads ? new Set(workloads.write.map((w) => w.key)) : null;
    const rowsFrom = {
      snapshotId: req.base,
      dropPods: pods.drop.map((p) => ({ namespace: p.namespace, name: p.name })),
      dropControllers: controllers.drop.map((c) => ({ namespace: c.namespace, kind: c.kind, name: c.name })),
      dropWorkloads: workloads ? workloads.drop.map((w) => w.key) : null,
      teams: records.flatMap((w): [string, string, string][] => (w.teamName ? [[w.key, w.teamName, w.teamSource ?? "team_namespace"]] : [])),
    };
    const changed = {
      podIndex: pods.write,
      controllers: controllers.write,
      workloads: write ? result.workloads.filter((w) => write.has(w.key)) : result.workloads,
      unknownPods: write ? result.unknownPods.filter((w) => write.has(w.key)) : result.unknownPods,
    };
    return { id: req.id, result: { ...result, ...changed, rowsFrom } };
  }
  return { id: req.id, result };
}

parentPort?.on("message", async (req: TAnalysisRequest | TLiveAnalysisRequest) => {
  let reply: TAnalysisResponse;
  try {
    reply = "live" in req ? await liveRun(req) : await uploadRun(req);
  } catch (err) {
    const failure: TAnalysisFailure =
      err instanceof InventoryError
        ? { kind: "inventory", source: err.source, documentIndex: err.documentIndex, field: err.field, reason: err.reason }
        : err instanceof InventoryTooLargeError
          ? { kind: "too_large", message: err.message }
          : { kind: "other", message: err instanceof Error ? err.message : String(err) };
    reply = { id: req.id, failure };
  }
  parentPort!.postMessage(reply);
});
