// A live inventory (DESIGN.md "Live inventory"): the collector's watch events are stored as they
// arrive, then applied to the current snapshot's documents and turned into a new snapshot by the
// same analysis and transaction as an upload (re-scoring open incidents, audited). Batches that
// arrive while one is being applied are coalesced into the next run; across replicas, a
// per-cluster advisory lock runs one at a time, and each run takes every change not yet applied.
//
// The analysis worker keeps the documents of the snapshot it made last (a live run's or an
// upload's) and is sent only the changes (it is sent the documents when it does not hold them: a
// restart, another replica's run, a cluster it dropped for memory). Every run rebuilds the
// cluster's graph from them, then runs again only the blast-radius searches that read a vertex
// the change touched (lib/graph/radius-memo.ts); the property test
// (test/live-inventory-property.test.ts) fixes "incremental equals full".
import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { TActor } from "../auth/actor";
import { mayApplyTeams } from "../auth/ingest-scope";
import type { TTx } from "../db/pg";
import { insertChanges, loadLiveState, snapshotDocuments, withLiveLock, type TStoredChange } from "../db/live-inventory";
import { checkChanges, type TChange } from "../inventory/live-changes";
import type { TInventorySource } from "../inventory/types";
import type { TPreparedSnapshot } from "../snapshots/prepare-snapshot";
import { logger } from "../log";
import { analyzeLiveOffThread, LiveBaseNotHeldError } from "../workers/inventory-analysis";
import { analysisSettings, storeRescored } from "./ingest-inventory";

export interface TLiveRun {
  snapshotId: string;
  applied: number;
  throughSeq: string;
}

/** Checks and stores a batch of changes; the recompute that applies them is started, not awaited. */
export async function acceptChanges(actor: TActor, cluster: string, changes: TChange[]) {
  const check = checkChanges(changes, { teams: mayApplyTeams(actor) });
  const throughSeq = await insertChanges(
    cluster,
    check.accepted.map((c) => ({ type: c.type, key: c.key, document: c.document })),
  );
  const applied = check.accepted.length ? recomputeLive(cluster) : Promise.resolve(null);
  // a failure is logged here; the changes stay stored and the next batch's run applies them
  applied.catch((err: unknown) => logger().error({ err, cluster }, "live inventory: applying changes failed"));
  return { accepted: check.accepted.length, rejected: check.rejected, ignored: check.ignored, throughSeq, applied };
}

const slots = new Map<string, { running?: Promise<TLiveRun | null>; queued?: Promise<TLiveRun | null> }>();

/**
 * Applies every stored change not yet in the current snapshot. While a run is under way, calls
 * share one queued run after it (which takes all changes stored by then).
 */
export function recomputeLive(cluster: string): Promise<TLiveRun | null> {
  let slot = slots.get(cluster);
  if (!slot) slots.set(cluster, (slot = {}));
  const s = slot;
  if (s.queued) return s.queued;
  const start = (): Promise<TLiveRun | null> => {
    const run: Promise<TLiveRun | null> = applyPending(cluster).finally(() => {
      if (s.running === run) s.running = undefined;
      if (!s.running && !s.queued) slots.delete(cluster);
    });
    s.running = run;
    return run;
  };
  if (!s.running) return start();
  s.queued = s.running
    .catch(() => null)
    .then(() => {
      s.queued = undefined;
      return start();
    });
  return s.queued;
}

/**
 * A live snapshot stores its documents whole (a compaction) when its source base is far behind:
 * this many changes since it, or this many snapshots already made on it. In between, it stores
 * none (they are the base's plus the changes since), which saves packing and writing ~1 MB a run.
 */
const COMPACT_AFTER_CHANGES = 20_000;
const COMPACT_AFTER_SNAPSHOTS = 50;

/** The documents of the cluster's current snapshot, for a worker that does not hold them: the stored List and the changes after it. */
async function currentDocuments(client: TTx, snapshotId: string | null): Promise<{ source: TInventorySource | "empty"; replay: TStoredChange[] }> {
  if (!snapshotId) return { source: "empty", replay: [] };
  const stored = await snapshotDocuments(snapshotId, client);
  if (!stored) throw new Error(`snapshot ${snapshotId} has no stored documents`);
  return { source: { name: "current inventory", text: gunzipSync(stored.source).toString("utf8"), format: "json" }, replay: stored.changes };
}

async function applyPending(cluster: string): Promise<TLiveRun | null> {
  return withLiveLock(cluster, async (client) => {
    const t0 = performance.now();
    const state = await loadLiveState(client, cluster);
    if (!state || state.changes.length === 0) return null;
    const last = state.changes[state.changes.length - 1];
    const t1 = performance.now();
    // Team documents were checked against the sender's rights when the change was accepted
    const base = state.sourceBase;
    const packSource = !base || base.changesSince > COMPACT_AFTER_CHANGES || base.deltas >= COMPACT_AFTER_SNAPSHOTS;
    const run = { cluster, base: state.snapshotId, next: randomUUID(), changes: state.changes, packSource };
    const settings = analysisSettings(true);
    let documents: "held" | "sent" = "held";
    let t2 = 0;
    let done: TPreparedSnapshot | null = null;
    const analysis = analyzeLiveOffThread(run, settings)
      .catch(async (err: unknown) => {
        // the worker does not hold the current documents (a restart, another replica's snapshot, a cluster it dropped): send them
        if (!(err instanceof LiveBaseNotHeldError)) throw err;
        documents = "sent";
        const current = await currentDocuments(client, state.snapshotId);
        return analyzeLiveOffThread({ ...run, source: current.source, changes: [...current.replay, ...state.changes] }, settings);
      })
      .then((prepared) => {
        t2 = performance.now();
        done = prepared;
        return prepared;
      });
    // the snapshot's transaction copies the current snapshot's rows while the worker runs; the result then replaces what changed
    const record = analysis.then((prepared) => ({
      id: run.next,
      cluster,
      uploadedBy: "live changes",
      ...prepared,
      sourceBaseId: base?.id,
      live: { throughSeq: last.seq, lastChangeAt: last.receivedAt },
    }));
    // (awaited by the transaction; should that fail before it gets there, the failure is its own)
    record.catch(() => {});
    const copyFrom = state.snapshotId ? { snapshotId: state.snapshotId, workloads: !packSource } : null;
    const snapshotId = await storeRescored({ id: run.next, cluster, copyFrom, record }, "system", null, (ids) => {
      // called once the record (so the analysis) has settled
      const prepared = done!;
      return {
        action: "inventory.live_update",
        details: {
          snapshotId: ids.snapshotId,
          changes: state.changes.length,
          throughSeq: last.seq,
          pods: prepared.pods,
          workloads: prepared.workloadCount,
          // rows written; the others are copied from the previous snapshot inside the database
          workloadRowsWritten: prepared.workloads.length + prepared.unknownPods.length,
          // whether the worker still held the base snapshot's documents or was sent them, and
          // whether this snapshot stores them whole
          documents,
          compacted: packSource,
          // blast-radius searches reused from the worker's previous graph (nothing they read changed) and run again
          searches: prepared.searches,
          // where a run's time goes (the benchmark reports it): reading and applying the changes,
          // the worker's analysis and compaction, the hand-over to it (with the worker's own
          // bookkeeping: applying the changes to its documents, row deltas), and storage after it;
          // `copy` overlaps the others: PostgreSQL copying the previous snapshot's rows while the
          // worker runs (the two share the machine's cores)
          ms: {
            copy: ids.copyMs,
            apply: Math.round(t1 - t0),
            analyze: prepared.timings.analyzeMs,
            pack: prepared.timings.packMs,
            handOver: Math.round(t2 - t1 - prepared.timings.analyzeMs - prepared.timings.packMs),
            store: Math.round(performance.now() - t2),
          },
        },
      };
    });
    return { snapshotId, applied: state.changes.length, throughSeq: last.seq };
  });
}
