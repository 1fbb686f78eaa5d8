// The reverse question (who can reach this crown jewel, this service account, this cloud role?):
// the Assets list ranked by how many workloads reach each asset, and one vertex's reachers ranked
// by path cost with their open incidents. A developer sees their teams' workloads only.
import type { TScope } from "../auth/scope";
import { currentWorkloadsByCluster, openIncidentsOf, type TOpenIncidentBrief } from "../db/asset-reads";
import { reachersOf, reverseIndex } from "../graph/reachers";
import { snapshotGraph } from "../snapshots/graph-cache";
import type { TSensitivity } from "../inventory/types";

const TIER_RANK: Record<TSensitivity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function vertexKind(id: string): string {
  return id.slice(0, id.indexOf("/"));
}

/**
 * Every asset of each cluster's current inventory with how many workloads in scope reach it (from
 * each workload's stored contributions, DESIGN.md "the 200 largest"), the cheapest cost, and their
 * open incidents; most sensitive first, then most reached.
 */
export async function listAssets(cluster: string | undefined, scope: TScope) {
  const clusters = await currentWorkloadsByCluster(cluster, scope);
  const items = [];
  for (const c of clusters) {
    const decoded = await snapshotGraph(c.snapshotId);
    if (!decoded) continue;
    const reach = new Map<number, { workloads: Set<string>; nearest: number }>();
    for (const w of c.workloads) {
      for (const [asset, cost] of w.reachable.p) {
        const r = reach.get(asset) ?? { workloads: new Set<string>(), nearest: Infinity };
        r.workloads.add(w.key);
        r.nearest = Math.min(r.nearest, cost);
        reach.set(asset, r);
      }
    }
    const incidents = await openIncidentsOf(c.cluster, c.workloads.map((w) => w.key), scope);
    const incidentsByKey = new Map<string, number>();
    for (const i of incidents) incidentsByKey.set(i.workloadKey, (incidentsByKey.get(i.workloadKey) ?? 0) + 1);
    for (const [index, type, sensitivity] of decoded.graph.a) {
      const r = reach.get(index);
      // a developer sees the assets their workloads reach, not the whole cluster's
      if (!scope.all && !r) continue;
      items.push({
        id: decoded.graph.v[index],
        cluster: c.cluster,
        type,
        sensitivity,
        reachers: r?.workloads.size ?? 0,
        nearestCost: r ? r.nearest : null,
        openIncidents: r ? [...r.workloads].reduce((n, k) => n + (incidentsByKey.get(k) ?? 0), 0) : 0,
      });
    }
  }
  items.sort((a, b) => TIER_RANK[a.sensitivity] - TIER_RANK[b.sensitivity] || b.reachers - a.reachers || (a.nearestCost ?? 99) - (b.nearestCost ?? 99) || (a.id < b.id ? -1 : 1));
  return { clusters: clusters.map((c) => c.cluster), items };
}

export class AmbiguousVertexError extends Error {}

/**
 * The workloads in scope that can reach one vertex, cheapest first, each with its path and open
 * incidents. Without `cluster`, the vertex must be in exactly one cluster's inventory. Null when
 * no cluster in scope has it.
 */
export async function vertexReachers(id: string, cluster: string | undefined, scope: TScope) {
  const clusters = await currentWorkloadsByCluster(cluster, scope);
  const found = [];
  for (const c of clusters) {
    const decoded = await snapshotGraph(c.snapshotId);
    const index = decoded ? reverseIndex(decoded.graph).index.get(id) : undefined;
    if (decoded && index !== undefined) found.push({ c, decoded, index });
  }
  if (found.length === 0) return null;
  if (found.length > 1) throw new AmbiguousVertexError(`${id} is in ${found.length} clusters (${found.map((f) => f.c.cluster).join(", ")}): name one with cluster=`);
  const { c, decoded, index } = found[0];
  const reachers = reachersOf(decoded.graph, index, c.workloads);
  const incidents = await openIncidentsOf(c.cluster, reachers.map((r) => r.workload.key), scope);
  const byKey = new Map<string, TOpenIncidentBrief[]>();
  for (const i of incidents) byKey.set(i.workloadKey, [...(byKey.get(i.workloadKey) ?? []), i]);
  const asset = decoded.assets.get(index) ?? null;
  return {
    vertex: { id, cluster: c.cluster, kind: vertexKind(id), asset: asset ? { type: asset.type, sensitivity: asset.sensitivity } : null },
    snapshotId: c.snapshotId,
    items: reachers.map((r) => ({
      workload: { id: r.workload.stableId, key: r.workload.key, kind: r.workload.kind, namespace: r.workload.namespace, name: r.workload.name },
      team: r.workload.team,
      cost: r.cost,
      path: r.path,
      openIncidents: (byKey.get(r.workload.key) ?? []).map(({ workloadKey: _k, ...i }) => {
        void _k;
        return i;
      }),
    })),
  };
}
