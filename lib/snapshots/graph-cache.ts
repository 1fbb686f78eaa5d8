// Decoded snapshot graphs, cached per process: a snapshot never changes once stored, and the
// vertex dictionary is what turns stored integer paths back into identifiers.
import { gunzipSync } from "node:zlib";
import { loadSnapshotGraph } from "../db/snapshots";
import type { TCompactGraph } from "./compact-snapshot";
import { decodeGraph } from "./graph-blob";
import type { TSensitivity } from "../inventory/types";

export interface TDecodedGraph {
  graph: TCompactGraph;
  assets: Map<number, { type: string; sensitivity: TSensitivity }>;
}

const MAX_CACHED = 4;
const cache = new Map<string, Promise<TDecodedGraph | null>>();

async function decode(snapshotId: string): Promise<TDecodedGraph | null> {
  const blob = await loadSnapshotGraph(snapshotId);
  if (!blob) return null;
  const graph = decodeGraph(gunzipSync(blob));
  return { graph, assets: new Map(graph.a.map(([i, type, sensitivity]) => [i, { type, sensitivity }])) };
}

export function snapshotGraph(snapshotId: string): Promise<TDecodedGraph | null> {
  let hit = cache.get(snapshotId);
  if (hit) {
    cache.delete(snapshotId);
    cache.set(snapshotId, hit); // most recently used last
    return hit;
  }
  hit = decode(snapshotId).catch((err) => {
    cache.delete(snapshotId);
    throw err;
  });
  cache.set(snapshotId, hit);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return hit;
}
