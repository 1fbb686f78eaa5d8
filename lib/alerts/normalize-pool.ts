// Splits and normalizes large alert batches on worker threads, so the web server's main thread
// (HTTP, database, incident planning) is not also the one masking every string of every event.
// Small bodies, and every body when NORMALIZE_WORKERS=0, are done in place. Workers run the same
// TypeScript source through tsx, a runtime dependency already, so dev, tests and production agree.
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "../log";
import { maskPatternsFrom, normalizeBody, type TNormalizedBatch } from "./normalize-batch";
import type { TAlertSource } from "./types";
import type { TNormalizeRequest } from "./normalize-worker";

/** below this, posting to a worker and back costs more than it saves */
const INLINE_BELOW_CHARS = 64 * 1024;

type TResult = TNormalizedBatch | { fatal: string };
interface TSlot {
  worker: Worker;
  inFlight: number;
}

const globalPool = globalThis as unknown as { __brNormalizePool?: { slots: TSlot[]; pending: Map<number, { slot: TSlot; resolve(r: TResult): void; reject(e: Error): void }>; nextId: number } };

function pool() {
  globalPool.__brNormalizePool ??= { slots: [], pending: new Map(), nextId: 1 };
  return globalPool.__brNormalizePool;
}

export function defaultWorkerCount(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

function spawn(): TSlot {
  const root = process.cwd();
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cjs", "api", "index.cjs");
  const entry = path.join(root, "lib", "alerts", "normalize-worker.ts");
  const worker = new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, { eval: true });
  worker.unref();
  const slot: TSlot = { worker, inFlight: 0 };
  const p = pool();
  const fail = (err: Error) => {
    p.slots = p.slots.filter((s) => s !== slot);
    for (const [id, job] of p.pending) {
      if (job.slot !== slot) continue;
      p.pending.delete(id);
      job.reject(err);
    }
  };
  worker.on("message", (msg: { id: number; result?: TResult; error?: string }) => {
    const job = p.pending.get(msg.id);
    if (!job) return;
    p.pending.delete(msg.id);
    slot.inFlight--;
    if (msg.error !== undefined) job.reject(new Error(`normalize worker: ${msg.error}`));
    else job.resolve(msg.result!);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`normalize worker exited with code ${code}`)));
  return slot;
}

/** Splits and normalizes `text` (a JSON array, one object, or NDJSON) on a worker thread when it pays. */
export async function normalizeBodyText(source: TAlertSource, text: string, maskPatterns: string, workers = defaultWorkerCount()): Promise<TResult> {
  if (workers === 0 || text.length < INLINE_BELOW_CHARS) return normalizeBody(source, text, maskPatternsFrom(maskPatterns));
  warmNormalizeWorkers(workers);
  const p = pool();
  const slot = p.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
  const id = p.nextId++;
  slot.inFlight++;
  const onWorker = new Promise<TResult>((resolve, reject) => {
    p.pending.set(id, { slot, resolve, reject });
    slot.worker.postMessage({ id, source, text, maskPatterns } satisfies TNormalizeRequest);
  });
  // A worker that died (or could not start) costs speed, never the batch.
  return onWorker.catch((err: Error) => {
    logger().warn({ err: err.message }, "normalize worker failed; normalizing on the main thread");
    return normalizeBody(source, text, maskPatternsFrom(maskPatterns));
  });
}

/** Starts the workers ahead of the first batch (they compile their TypeScript as they start). */
export function warmNormalizeWorkers(workers = defaultWorkerCount()): void {
  const p = pool();
  while (p.slots.length < workers) p.slots.push(spawn());
}
