// The fixes engine of a snapshot, per process: the snapshot's inventory parsed and its graph built
// once (about a second at 10,000 pods), then every workload's fixes answered from it, their
// effects cached. A snapshot never changes once stored, so an entry never goes stale.
import { gunzipSync } from "node:zlib";
import { loadSnapshotSource } from "../db/snapshots";
import { buildAttackGraph } from "../graph/build-graph";
import { parseInventory } from "../inventory/parse-inventory";
import type { TInventory } from "../inventory/types";
import { FixEngine } from "../remediation/workload-fixes";

export interface TSnapshotFixes {
  engine: FixEngine;
  inventory: TInventory;
}

const MAX_CACHED = 2;
const cache = new Map<string, Promise<TSnapshotFixes | null>>();

async function load(snapshotId: string, cluster: string): Promise<TSnapshotFixes | null> {
  const source = await loadSnapshotSource(snapshotId);
  if (!source) return null;
  const inventory = parseInventory([{ name: "snapshot", text: gunzipSync(source).toString("utf8"), format: "json" }]);
  return { engine: FixEngine.of(buildAttackGraph(inventory, { cluster })), inventory };
}

export function snapshotFixes(snapshotId: string, cluster: string): Promise<TSnapshotFixes | null> {
  let hit = cache.get(snapshotId);
  if (hit) {
    cache.delete(snapshotId);
    cache.set(snapshotId, hit); // most recently used last
    return hit;
  }
  hit = load(snapshotId, cluster).catch((err) => {
    cache.delete(snapshotId);
    throw err;
  });
  cache.set(snapshotId, hit);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return hit;
}
