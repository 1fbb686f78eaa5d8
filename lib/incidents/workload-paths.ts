// A workload's stored attack paths, decoded with its snapshot's vertex dictionary.
import type { TPathStep } from "../graph/types";
import { expandReachable, type TCompactReachable } from "../snapshots/compact-snapshot";
import { snapshotGraph } from "../snapshots/graph-cache";

export async function workloadPaths(snapshotId: string, reachable: TCompactReachable): Promise<TPathStep[][]> {
  const decoded = await snapshotGraph(snapshotId);
  if (!decoded) return [];
  return expandReachable(reachable, decoded.graph.v, decoded.assets).map((r) => r.path);
}
