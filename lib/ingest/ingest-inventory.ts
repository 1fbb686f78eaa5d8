// An inventory upload: analysis (parse, attack graph, blast radius of every workload) on the
// analysis worker, then one transaction that stores the snapshot, makes it current, re-scores the
// cluster's open incidents against it and writes the audit entry — under the cluster's row lock,
// so a superseded snapshot never leaves its scores or ownership behind, and a failure anywhere
// leaves the previous snapshot current and everything as it was.
import { randomUUID } from "node:crypto";
import type { TActor } from "../auth/actor";
import { env } from "../env";
import { busy, invalid, tooLargeInput } from "../errors";
import { InventoryError, type TInventorySource } from "../inventory/types";
import { storeSnapshot, type TLateSnapshotRecord, type TSnapshotRecord } from "../db/snapshots";
import { mayApplyTeams } from "../auth/ingest-scope";
import { writeAuditWith } from "../db/audit";
import { rescoreOpenIncidents } from "../incidents/rescore-incidents";
import { AnalysisBusyError, AnalysisTooLargeError, analyzeOffThread, type TAnalysisSettings } from "../workers/inventory-analysis";

export interface TIngestResult {
  cluster: string;
  snapshotId: string;
  objects: number;
  pods: number;
  edges: number;
  assets: number;
  workloads: number;
  skipped: Record<string, number>;
  /** Team documents not applied: the token may not change teams */
  teamsSkipped: string[];
}

/** The analysis worker's settings, from the environment (uploads and live changes alike). */
export function analysisSettings(applyTeams: boolean): TAnalysisSettings {
  const e = env();
  return { memoryMb: e.INVENTORY_ANALYSIS_MEMORY_MB, limits: { maxEdges: e.INVENTORY_MAX_EDGES, maxVertices: e.INVENTORY_MAX_VERTICES }, maxWaiting: 4, applyTeams };
}

/**
 * Stores an analysed snapshot as the cluster's current one, re-scores its open incidents against
 * it and writes the audit entry `audit` describes — one transaction, under the cluster's lock.
 */
export async function storeRescored(
  rec: TSnapshotRecord | TLateSnapshotRecord,
  actor: TActor | "system",
  ip: string | null,
  audit: (ids: { snapshotId: string; createdTeams: string[]; copyMs: number | null }, rescore: { rescored: number; moved: number; changed: number }) => { action: string; details: Record<string, unknown> },
): Promise<string> {
  const stored = await storeSnapshot(rec, env().INVENTORY_KEEP_SNAPSHOTS, async (client, ids) => {
    const rescore = await rescoreOpenIncidents(client, ids.clusterId, ids.snapshotId);
    const { action, details } = audit(ids, rescore);
    await writeAuditWith(client, actor, { action, targetType: "cluster", targetId: rec.cluster, details: { ...details, incidentsRescored: rescore.rescored, incidentsChanged: rescore.changed, incidentsMoved: rescore.moved } }, ip);
  });
  return stored.snapshotId;
}

export async function ingestInventory(actor: TActor | "system", cluster: string, source: TInventorySource, ip: string | null): Promise<TIngestResult> {
  let prepared;
  // named before the analysis, so the worker holds the upload's documents as this snapshot
  const id = randomUUID();
  try {
    prepared = await analyzeOffThread(source, cluster, id, analysisSettings(mayApplyTeams(actor)));
  } catch (err) {
    if (err instanceof InventoryError) throw invalid(err.message, { document: err.documentIndex, field: err.field });
    if (err instanceof AnalysisTooLargeError) throw tooLargeInput(err.message);
    if (err instanceof AnalysisBusyError) throw busy(err.message, err.retryAfterSeconds);
    throw err;
  }
  const summary = {
    cluster,
    objects: prepared.objects,
    pods: prepared.pods,
    edges: prepared.edges,
    assets: prepared.assets,
    workloads: prepared.workloads.length,
    skipped: prepared.skipped,
    teamsSkipped: prepared.teamsSkipped,
  };
  const snapshotId = await storeRescored({ id, cluster, uploadedBy: actor === "system" ? "system" : actor.label, ...prepared }, actor, ip, (ids) => ({
    action: "inventory.upload",
    // (searches: blast-radius searches reused from the cluster's previous analysis on the worker, and run)
    details: { ...summary, snapshotId: ids.snapshotId, teamsCreated: ids.createdTeams, searches: prepared.searches },
  }));
  return { ...summary, snapshotId };
}
