// An inventory upload: parse, build the attack graph, compute every workload's blast radius,
// and store it all as the cluster's new current snapshot in one transaction.
import { gzipSync } from "node:zlib";
import type { TActor } from "../auth/actor";
import { env } from "../env";
import { badRequest } from "../api/errors";
import { InventoryError, type TInventorySource } from "../inventory/types";
import { storeSnapshot } from "../db/snapshots";
import { writeAudit } from "../db/audit";
import { compactGraph, compactReachable, tierCounts, VertexDictionary } from "./compact-snapshot";
import { analyzeInventory } from "./analyze-inventory";
import { rescoreOpenIncidents } from "../incidents/rescore-incidents";

export interface TIngestResult {
  cluster: string;
  snapshotId: string;
  objects: number;
  pods: number;
  edges: number;
  assets: number;
  workloads: number;
  skipped: Record<string, number>;
}

export async function ingestInventory(actor: TActor | "system", cluster: string, source: TInventorySource, ip: string | null): Promise<TIngestResult> {
  let analysis;
  try {
    analysis = analyzeInventory([source], cluster);
  } catch (err) {
    if (err instanceof InventoryError) throw badRequest(err.message, { document: err.documentIndex, field: err.field });
    throw err;
  }
  const { inventory, radii, edges, assets, podIndex } = analysis;
  const dict = new VertexDictionary();
  const workloads = radii.map((r) => ({
    key: r.workload,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    teamName: r.team,
    score: r.score,
    breakdown: r.breakdown,
    pods: r.pods,
    tierCounts: tierCounts(r),
    reachable: compactReachable(dict, r),
  }));
  const graph = compactGraph(dict, edges, assets);
  const stored = await storeSnapshot(
    {
      cluster,
      uploadedBy: actor === "system" ? "system" : actor.label,
      objects: inventory.objects,
      pods: inventory.pods.length,
      edges: graph.e.length / 3,
      assets: graph.a.length,
      skipped: inventory.skipped,
      graph: gzipSync(JSON.stringify(graph), { level: 1 }),
      teamNames: inventory.teams.map((t) => t.name),
      workloads,
      podIndex,
    },
    env().INVENTORY_KEEP_SNAPSHOTS,
  );
  const rescore = await rescoreOpenIncidents(stored.clusterId, stored.snapshotId);
  const result: TIngestResult = {
    cluster,
    snapshotId: stored.snapshotId,
    objects: inventory.objects,
    pods: inventory.pods.length,
    edges: graph.e.length / 3,
    assets: graph.a.length,
    workloads: workloads.length,
    skipped: inventory.skipped,
  };
  await writeAudit(
    actor,
    { action: "inventory.upload", targetType: "cluster", targetId: cluster, details: { ...result, teamsCreated: stored.createdTeams, incidentsRescored: rescore.rescored, incidentsResolved: rescore.resolved } },
    ip,
  );
  return result;
}
