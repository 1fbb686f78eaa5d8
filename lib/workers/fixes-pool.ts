// Fixes and choke points off the main thread: one worker per process holds the engines of the
// latest snapshots (lib/workers/fixes-worker.ts); requests are answered in turn. The snapshot's
// documents are read from the database only when the worker does not hold them yet (a live
// snapshot's: its source base's and the changes since, lib/db/live-inventory.ts).
import { gunzipSync } from "node:zlib";
import type { Worker } from "node:worker_threads";
import { snapshotDocuments } from "../db/live-inventory";
import type { TChokePoints } from "../remediation/choke-points";
import type { TWorkloadFixes } from "../remediation/workload-fixes";
import type { TFixesRequest, TFixesResponse } from "./fixes-worker";
import { exchange, startTsWorker } from "./ts-worker";

interface TState {
  worker: Worker | null;
  nextId: number;
}
const g = globalThis as unknown as { __brFixes?: TState };
const state = (): TState => (g.__brFixes ??= { worker: null, nextId: 1 });

type TAsk = TFixesRequest extends infer R ? (R extends TFixesRequest ? Omit<R, "id" | "source"> : never) : never;

function send(req: TFixesRequest): Promise<TFixesResponse> {
  const s = state();
  if (!s.worker) {
    s.worker = startTsWorker("lib/workers/fixes-worker.ts", { resourceLimits: { maxOldGenerationSizeMb: Number(process.env.FIXES_MEMORY_MB ?? 3072) } });
    s.worker.unref();
  }
  return exchange<TFixesResponse>(s.worker, req, "fixes", () => (s.worker = null));
}

async function ask(req: TAsk): Promise<unknown> {
  const s = state();
  let reply = await send({ ...req, id: s.nextId++ } as TFixesRequest);
  if (reply.needSource) {
    const stored = await snapshotDocuments(req.snapshotId);
    if (!stored) return null;
    const changes = stored.changes.map((c) => ({ type: c.type, key: c.key, document: c.document }));
    reply = await send({ ...req, id: s.nextId++, source: gunzipSync(stored.source).toString("utf8"), changes } as TFixesRequest);
  }
  if (reply.error) throw new Error(`fixes: ${reply.error}`);
  return reply.result ?? null;
}

/** A workload's fixes on a snapshot (null when the snapshot or the workload is gone). */
export async function fixesOf(snapshotId: string, cluster: string, workload: string): Promise<TWorkloadFixes | null> {
  return (await ask({ op: "workload", snapshotId, cluster, workload })) as TWorkloadFixes | null;
}

/** The choke points of a snapshot, over every workload (cached in the worker) or only the ones given. */
export async function chokePointsOf(snapshotId: string, cluster: string, workloads: string[] | null, limit: number): Promise<TChokePoints | null> {
  return (await ask({ op: "choke", snapshotId, cluster, workloads, limit })) as TChokePoints | null;
}
