// Loads two kept snapshots of one cluster and says what changed between them (diff-snapshots.ts).
import type { TScope } from "../auth/scope";
import { snapshotMeta, snapshotWorkloadsReach } from "../db/snapshot-workload";
import { EDGE_KINDS } from "../graph/types";
import { invalid, missing } from "../errors";
import { expandReachable } from "./compact-snapshot";
import { diffSnapshots, type TSnapshotSide } from "./diff-snapshots";
import { snapshotGraph } from "./graph-cache";

async function side(snapshotId: string, scope: TScope): Promise<TSnapshotSide> {
  const decoded = await snapshotGraph(snapshotId);
  if (!decoded) throw missing(`snapshot ${snapshotId}`);
  const { v, e } = decoded.graph;
  const edges = new Set<string>();
  for (let i = 0; i < e.length; i += 3) edges.add(`${v[e[i]]}|${EDGE_KINDS[e[i + 2]]}|${v[e[i + 1]]}`);
  const workloads = new Map((await snapshotWorkloadsReach(snapshotId, scope)).map((w) => [w.key, expandReachable(w.reachable, v, decoded.assets)]));
  return { edges, workloads };
}

export async function snapshotDiff(a: string, b: string, scope: TScope) {
  const [ma, mb] = await Promise.all([snapshotMeta(a), snapshotMeta(b)]);
  if (!ma) throw missing(`snapshot ${a}`);
  if (!mb) throw missing(`snapshot ${b}`);
  if (ma.cluster !== mb.cluster) throw invalid(`params: snapshots ${a} and ${b} are of different clusters (${ma.cluster}, ${mb.cluster})`);
  const changes = diffSnapshots(await side(a, scope), await side(b, scope));
  return {
    cluster: ma.cluster,
    from: { id: ma.id, createdAt: ma.createdAt.toISOString() },
    to: { id: mb.id, createdAt: mb.createdAt.toISOString() },
    summary: { new: changes.filter((c) => c.change === "new").length, removed: changes.filter((c) => c.change === "removed").length },
    changes,
  };
}
