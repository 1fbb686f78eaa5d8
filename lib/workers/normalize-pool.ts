// Splits and normalizes alert batches on worker threads, so the web server's main thread (HTTP,
// database, incident planning) never runs attacker-controlled text through the masking rules.
// Small bodies, and every body when NORMALIZE_WORKERS=0 (the operator's choice), are done in place.
//
// Each worker runs one job at a time, with a deadline. A worker past its deadline is terminated and
// replaced; its batch is split into single events and retried on the pool, and an event that still
// times out is rejected on its own ({index, error: "normalization timed out"}). Nothing is ever
// re-run on the main thread. When every worker is busy and the queue is full, the caller gets
// PoolSaturatedError (503 + Retry-After). Workers run the TypeScript source through tsx, a runtime
// dependency already, so dev, tests and the production build run the same code.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startTsWorker } from "./ts-worker";
import { logger } from "../log";
import { compileMaskPatterns } from "../alerts/mask-patterns";
import { normalizeBatch, normalizeBody, type TNormalizedBatch } from "../alerts/normalize-batch";
import { decodeBody, splitBatch } from "../alerts/split-batch";
import { unpackAlert } from "../alerts/alert-wire";
import type { TTimeWindow } from "../alerts/event-time";
import type { TAlertSource } from "../alerts/types";
import type { TNormalizeRequest, TNormalizeResponse } from "./normalize-worker";

/** below this, posting to a worker and back costs more than it saves */
const INLINE_BELOW_CHARS = 64 * 1024;
export const TIMED_OUT = "normalization timed out";

export interface TPoolOptions {
  /** deadline of a job over a whole body, from the moment a worker starts it */
  bodyDeadlineMs(chars: number): number;
  /** deadline of a job over one event, when a batch is retried event by event */
  itemDeadlineMs: number;
  /** a retry event by event gives up (remaining events rejected as timed out) after this long */
  retryBudgetMs: number;
  /** jobs waiting for a worker, per worker, before new batches are refused */
  queuePerWorker: number;
}

export const DEFAULT_POOL_OPTIONS: TPoolOptions = {
  // ~35 µs per 1 KB event when healthy: 10 MB ≈ 0.4 s. The deadline leaves a wide margin for a busy machine.
  bodyDeadlineMs: (chars) => 5_000 + Math.ceil(chars / (1024 * 1024)) * 2_000,
  itemDeadlineMs: 2_000,
  retryBudgetMs: 30_000,
  queuePerWorker: 8,
};

export class PoolSaturatedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("alert normalization is saturated; retry shortly");
  }
}
export class PoolUnavailableError extends Error {}

export type TPoolResult = (TNormalizedBatch & { normalizedBy: "main" | number[] }) | { fatal: string };

type TJobInput = { source: TAlertSource; window?: TTimeWindow } & ({ text: string } | { body: Uint8Array } | { items: { index: number; value: unknown }[] });
interface TJob {
  input: TJobInput;
  deadlineMs: number;
  /** a job still queued at this time is not started: it times out */
  notAfter: number;
  resolve(r: NonNullable<TNormalizeResponse["result"]>): void;
  reject(e: Error): void;
}
interface TSlot {
  worker: Worker;
  job: TJob | null;
  timer: NodeJS.Timeout | null;
  jobId: number;
}
class JobTimeout extends Error {}
class WorkerCrashed extends Error {}

interface TPool {
  size: number;
  slots: TSlot[];
  queue: TJob[];
  maskPatterns: string;
  options: TPoolOptions;
  nextId: number;
  started: number;
  spawnError: string | null;
}

const globalPool = globalThis as unknown as { __brNormalizePool?: TPool };

export function defaultWorkerCount(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 1));
}

function pool(): TPool {
  globalPool.__brNormalizePool ??= {
    size: 0,
    slots: [],
    queue: [],
    maskPatterns: "",
    options: DEFAULT_POOL_OPTIONS,
    nextId: 1,
    started: 0,
    spawnError: null,
  };
  return globalPool.__brNormalizePool;
}

function spawn(p: TPool): TSlot | null {
  let worker: Worker;
  try {
    worker = startTsWorker("lib/workers/normalize-worker.ts", { workerData: { maskPatterns: p.maskPatterns } });
  } catch (err) {
    p.spawnError = (err as Error).message;
    logger().error({ err: p.spawnError }, "normalize workers cannot start");
    return null;
  }
  worker.unref();
  p.started++;
  const slot: TSlot = { worker, job: null, timer: null, jobId: 0 };
  worker.on("message", (msg: TNormalizeResponse) => {
    if (msg.id !== slot.jobId || !slot.job) return;
    const job = finish(slot);
    if (msg.error !== undefined || !msg.result) job.reject(new Error(`normalize worker: ${msg.error ?? "no result"}`));
    else job.resolve(msg.result);
    dispatch(p);
  });
  const lost = (why: string) => {
    if (!p.slots.includes(slot)) return;
    p.slots = p.slots.filter((s) => s !== slot);
    const job = slot.job ? finish(slot) : null;
    job?.reject(new WorkerCrashed(why));
    logger().warn({ why }, "normalize worker lost; starting another");
    refill(p);
    dispatch(p);
  };
  worker.on("error", (err) => lost(err.message));
  worker.on("exit", (code) => lost(`exited with code ${code}`));
  return slot;
}

function finish(slot: TSlot): TJob {
  const job = slot.job!;
  if (slot.timer) clearTimeout(slot.timer);
  slot.job = null;
  slot.timer = null;
  return job;
}

function refill(p: TPool): void {
  while (p.slots.length < p.size) {
    const slot = spawn(p);
    if (!slot) return;
    p.slots.push(slot);
  }
}

function dispatch(p: TPool): void {
  for (const slot of p.slots) {
    if (slot.job || p.queue.length === 0) continue;
    const job = p.queue.shift()!;
    if (Date.now() > job.notAfter) {
      job.reject(new JobTimeout(TIMED_OUT));
      continue;
    }
    slot.job = job;
    slot.jobId = p.nextId++;
    slot.timer = setTimeout(() => {
      // Past its deadline: the worker is stuck on hostile input. Stop it and start another.
      p.slots = p.slots.filter((s) => s !== slot);
      const stuck = finish(slot);
      void slot.worker.terminate();
      stuck.reject(new JobTimeout(TIMED_OUT));
      refill(p);
      dispatch(p);
    }, job.deadlineMs);
    slot.worker.postMessage({ id: slot.jobId, ...job.input } satisfies TNormalizeRequest);
  }
}

function submit(p: TPool, input: TJobInput, deadlineMs: number, notAfter: number): Promise<NonNullable<TNormalizeResponse["result"]>> {
  return new Promise((resolve, reject) => {
    p.queue.push({ input, deadlineMs, notAfter, resolve, reject });
    dispatch(p);
  });
}

/**
 * Starts (or resizes) the workers ahead of the first batch; they compile their TypeScript as they
 * start. `maskPatterns` (MASK_PATTERNS) is compiled by each worker once.
 */
export function warmNormalizeWorkers(workers = defaultWorkerCount(), maskPatterns = "", options: Partial<TPoolOptions> = {}): void {
  const p = pool();
  p.options = { ...DEFAULT_POOL_OPTIONS, ...options };
  if (p.maskPatterns !== maskPatterns) {
    // restart the idle workers with the new patterns (busy ones finish their job first)
    p.maskPatterns = maskPatterns;
    const idle = p.slots.filter((s) => !s.job);
    p.slots = p.slots.filter((s) => s.job);
    for (const slot of idle) void slot.worker.terminate();
  }
  p.size = workers;
  refill(p);
}

/** How the pool stands, for health checks and tests. */
export function normalizePoolStats(): { workers: number; busy: number; queued: number; started: number; threadIds: number[]; spawnError: string | null } {
  const p = pool();
  return {
    workers: p.slots.length,
    busy: p.slots.filter((s) => s.job).length,
    queued: p.queue.length,
    started: p.started,
    threadIds: p.slots.map((s) => s.worker.threadId),
    spawnError: p.spawnError,
  };
}

/**
 * Splits and normalizes a body (a JSON array, one object, or NDJSON), as text or as its UTF-8 bytes
 * (then decoded by the worker too); see the module comment.
 */
export async function normalizeBodyText(
  source: TAlertSource,
  body: string | Uint8Array,
  maskPatterns: string,
  workers = defaultWorkerCount(),
  window?: TTimeWindow,
): Promise<TPoolResult> {
  const size = typeof body === "string" ? body.length : body.byteLength;
  if (workers === 0 || size < INLINE_BELOW_CHARS) {
    const inline = normalizeBody(source, asText(body), compileMaskPatterns(maskPatterns), window);
    return "fatal" in inline ? inline : { ...inline, normalizedBy: "main" };
  }
  const p = readyPool(workers, maskPatterns);
  const threads = new Set<number>();
  try {
    // bytes are copied to the worker, not moved: a retry below needs them
    const result = await runTracked(p, { source, window, ...(typeof body === "string" ? { text: body } : { body }) }, p.options.bodyDeadlineMs(size), Infinity, threads);
    return "fatal" in result ? result : { ...result, normalizedBy: [...threads] };
  } catch (err) {
    if (!(err instanceof JobTimeout || err instanceof WorkerCrashed)) throw err;
    logger().warn({ source, size, why: err.message }, "alert batch too slow to normalize; retrying event by event");
    // JSON.parse is linear: splitting here is safe; the masking is what went back to the pool.
    const split = splitBatch(asText(body));
    if ("fatal" in split) return { fatal: split.fatal };
    const items = split.items.map((value, i) => ({ index: split.indexes[i], value }));
    const batch = await retryOneByOne(p, source, window, items, threads);
    batch.rejected.push(...split.errors);
    batch.rejected.sort((a, b) => a.index - b.index);
    return { ...batch, normalizedBy: [...threads] };
  }
}

/** Normalizes parsed events (an NDJSON stream): inline when few and small, otherwise on the pool. */
export async function normalizeItems(
  source: TAlertSource,
  items: { index: number; value: unknown }[],
  bytes: number,
  maskPatterns: string,
  workers = defaultWorkerCount(),
  window?: TTimeWindow,
): Promise<TNormalizedBatch & { normalizedBy: "main" | number[] }> {
  if (workers === 0 || bytes < INLINE_BELOW_CHARS) return { ...normalizeBatch(source, items, compileMaskPatterns(maskPatterns), window), normalizedBy: "main" };
  const p = readyPool(workers, maskPatterns);
  const threads = new Set<number>();
  try {
    const result = await runTracked(p, { source, window, items }, p.options.bodyDeadlineMs(bytes), Infinity, threads);
    if ("fatal" in result) throw new Error(result.fatal);
    return { ...result, normalizedBy: [...threads] };
  } catch (err) {
    if (!(err instanceof JobTimeout || err instanceof WorkerCrashed)) throw err;
    logger().warn({ source, events: items.length, why: err.message }, "alert batch too slow to normalize; retrying event by event");
    return { ...(await retryOneByOne(p, source, window, items, threads)), normalizedBy: [...threads] };
  }
}

function asText(body: string | Uint8Array): string {
  return typeof body === "string" ? body : decodeBody(body);
}

function readyPool(workers: number, maskPatterns: string): TPool {
  const p = pool();
  if (p.size !== workers || p.maskPatterns !== maskPatterns || p.slots.length < workers) warmNormalizeWorkers(workers, maskPatterns, p.options);
  if (p.slots.length === 0) throw new PoolUnavailableError(`alert normalization workers cannot start: ${p.spawnError ?? "unknown reason"}`);
  if (p.queue.length >= p.slots.length * p.options.queuePerWorker) throw new PoolSaturatedError(5);
  return p;
}

async function runTracked(p: TPool, input: TJobInput, deadlineMs: number, notAfter: number, threads: Set<number>): Promise<TNormalizedBatch | { fatal: string }> {
  const { threadId, batch } = await submit(p, input, deadlineMs, notAfter);
  threads.add(threadId);
  return "fatal" in batch ? batch : { alerts: batch.packed.map(unpackAlert), rejected: batch.rejected };
}

/** Each event on its own job; the ones that time out (or kill their worker) are rejected by index. */
async function retryOneByOne(p: TPool, source: TAlertSource, window: TTimeWindow | undefined, items: { index: number; value: unknown }[], threads: Set<number>): Promise<TNormalizedBatch> {
  const out: TNormalizedBatch = { alerts: [], rejected: [] };
  const giveUpAt = Date.now() + p.options.retryBudgetMs;
  const results = await Promise.all(
    items.map(async (item) => {
      try {
        return await runTracked(p, { source, window, items: [item] }, p.options.itemDeadlineMs, giveUpAt, threads);
      } catch (err) {
        if (err instanceof JobTimeout) return { index: item.index, error: TIMED_OUT };
        if (err instanceof WorkerCrashed) return { index: item.index, error: `normalization failed: ${err.message}` };
        throw err;
      }
    }),
  );
  for (const r of results) {
    if ("error" in r) out.rejected.push(r);
    else if (!("fatal" in r)) {
      out.alerts.push(...r.alerts);
      out.rejected.push(...r.rejected);
    }
  }
  return out;
}
