// The API shape of a workload: one element of the `radius` CLI's output plus id, cluster, team.
import type { TWorkloadRow } from "../db/workloads";
import { expandReachable } from "./compact-snapshot";
import { snapshotGraph } from "./graph-cache";

export async function presentWorkload(row: TWorkloadRow) {
  const decoded = await snapshotGraph(row.snapshotId);
  const reachable = decoded ? expandReachable(row.reachable, decoded.graph.v, decoded.assets) : [];
  return {
    id: row.stableId,
    cluster: row.cluster,
    snapshotId: row.snapshotId,
    /** false when the workload is gone from the cluster's current inventory (its last kept snapshot is shown) */
    current: row.current ?? true,
    team: row.team,
    workload: row.key,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    pods: row.pods,
    score: row.score,
    breakdown: row.breakdown,
    reachableCounts: row.tierCounts,
    reachable,
    /** in listings: how many of its incidents are open */
    ...(row.openIncidents !== undefined ? { openIncidents: row.openIncidents } : {}),
  };
}

export function encodeWorkloadCursor(row: TWorkloadRow): string {
  return Buffer.from(JSON.stringify([row.score, row.cluster, row.key])).toString("base64url");
}

export function decodeWorkloadCursor(cursor: string): { score: number; cluster: string; key: string } | null {
  try {
    const [score, cluster, key] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof score !== "number" || typeof cluster !== "string" || typeof key !== "string") return null;
    return { score, cluster, key };
  } catch {
    return null;
  }
}
