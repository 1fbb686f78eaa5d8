// Worker thread entry (see fixes-pool.ts): keeps the fixes engines of the latest snapshots asked
// about (inventory parsed and graph built once each) and answers a workload's fixes or a cluster's
// choke points from them, off the web server's main thread.
import { parentPort } from "node:worker_threads";
import { buildAttackGraph } from "../graph/build-graph";
import { applyChanges, type TAcceptedChange } from "../inventory/live-changes";
import { inventoryOfDocuments, parseInventory, type TFiledDocument } from "../inventory/parse-inventory";
import type { TInventory } from "../inventory/types";
import { chokePoints, type TChokePoints } from "../remediation/choke-points";
import { FixEngine, workloadFixes } from "../remediation/workload-fixes";

/** `source`: the snapshot's stored List; `changes`: to apply to it (a live snapshot stored as changes against its source base). */
type TSnapshotDocuments = { source?: string; changes?: Pick<TAcceptedChange, "type" | "key" | "document">[] };
export type TFixesRequest =
  | ({ id: number; snapshotId: string; cluster: string; op: "workload"; workload: string } & TSnapshotDocuments)
  | ({ id: number; snapshotId: string; cluster: string; op: "choke"; workloads: string[] | null; limit: number } & TSnapshotDocuments);

export interface TFixesResponse {
  id: number;
  /** the worker does not hold this snapshot: send its source */
  needSource?: true;
  result?: unknown;
  error?: string;
}

interface TEntry {
  engine: FixEngine;
  inventory: TInventory;
  /** every workload's choke points, computed once per snapshot */
  choke?: TChokePoints;
}

const MAX_SNAPSHOTS = 2;
const entries = new Map<string, TEntry>();

function entryFor(req: TFixesRequest): TEntry | null {
  const hit = entries.get(req.snapshotId);
  if (hit) {
    entries.delete(req.snapshotId);
    entries.set(req.snapshotId, hit);
    return hit;
  }
  if (req.source === undefined) return null;
  // what parsing validated is not validated again once the changes are applied
  const validated = new WeakMap<object, TFiledDocument>();
  const parsed = parseInventory([{ name: "snapshot", text: req.source, format: "json" }], validated);
  const inventory = req.changes?.length ? inventoryOfDocuments(applyChanges(parsed.documents, req.changes), validated) : parsed;
  const entry = { engine: FixEngine.of(buildAttackGraph(inventory, { cluster: req.cluster })), inventory };
  entries.set(req.snapshotId, entry);
  while (entries.size > MAX_SNAPSHOTS) entries.delete(entries.keys().next().value!);
  return entry;
}

parentPort?.on("message", (req: TFixesRequest) => {
  let reply: TFixesResponse;
  try {
    const entry = entryFor(req);
    if (!entry) reply = { id: req.id, needSource: true };
    else if (req.op === "workload") reply = { id: req.id, result: workloadFixes(entry.engine, entry.inventory, req.workload) };
    else if (req.workloads) reply = { id: req.id, result: chokePoints(entry.engine, { workloads: req.workloads, limit: req.limit }) };
    else {
      entry.choke ??= chokePoints(entry.engine, { limit: 500 });
      reply = { id: req.id, result: { ...entry.choke, points: entry.choke.points.slice(0, req.limit) } };
    }
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
