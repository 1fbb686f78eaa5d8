// Inventory analysis off the web server's main thread: one analysis at a time per process, on a
// worker thread whose heap is capped, so a huge or hostile upload can neither stall requests nor
// take the server's memory. Uploads that arrive while one runs wait their turn (a few), beyond
// that they are refused with 503 + Retry-After.
import type { Worker } from "node:worker_threads";
import { InventoryError, type TInventorySource } from "../inventory/types";
import type { TGraphLimits, TPreparedSnapshot } from "../snapshots/prepare-snapshot";
import { logger } from "../log";
import { exchange, startTsWorker } from "./ts-worker";
import type { TAnalysisRequest, TAnalysisResponse, TLiveAnalysisRequest } from "./inventory-worker";

export interface TAnalysisSettings {
  /** heap cap of the analysis worker, in MB */
  memoryMb: number;
  limits: TGraphLimits;
  /** uploads that may wait while one is analyzed; more are refused */
  maxWaiting: number;
  /** whether Team documents create or change teams (see analyzeInventory) */
  applyTeams: boolean;
}

export class AnalysisBusyError extends Error {
  readonly retryAfterSeconds = 15;
}
export class AnalysisTooLargeError extends Error {}

interface TState {
  running: boolean;
  waiting: (() => void)[];
  worker: Worker | null;
  memoryMb: number;
  nextId: number;
  analyses: number;
}
const g = globalThis as unknown as { __brInventoryAnalysis?: TState };
const state = (): TState => (g.__brInventoryAnalysis ??= { running: false, waiting: [], worker: null, memoryMb: 0, nextId: 1, analyses: 0 });

/** Stops the analysis worker (what it holds is lost); the next analysis starts another. */
export async function stopAnalysisWorker(): Promise<void> {
  const s = state();
  const w = s.worker;
  s.worker = null;
  await w?.terminate();
}

/** How many analyses this process has run off-thread (for tests). */
export function offThreadAnalyses(): number {
  return state().analyses;
}

async function turn(s: TState, maxWaiting: number): Promise<void> {
  if (!s.running) {
    s.running = true;
    return;
  }
  if (s.waiting.length >= maxWaiting) throw new AnalysisBusyError("another inventory is being analyzed and the queue is full; retry shortly");
  await new Promise<void>((resolve) => s.waiting.push(resolve));
}

function release(s: TState): void {
  const next = s.waiting.shift();
  if (next) next();
  else s.running = false;
}

const YOUNG_GENERATION_MB = 96;

function worker(s: TState, memoryMb: number): Worker {
  if (s.worker && s.memoryMb === memoryMb) return s.worker;
  void s.worker?.terminate();
  // A build allocates a whole graph whose parts live until the run ends: with a young generation
  // this size (larger than V8's default) fewer of them are copied by scavenges (bench
  // live-worker with --max-semi-space-size=32, its equivalent: ~10 % less time per run).
  const w = startTsWorker("lib/workers/inventory-worker.ts", { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  w.unref();
  s.worker = w;
  s.memoryMb = memoryMb;
  return w;
}

/**
 * Parses, builds the graph and computes blast radius on the analysis worker; throws
 * InventoryError (400), AnalysisTooLargeError (413), AnalysisBusyError (503). `next` is the id the
 * resulting snapshot will be stored under: the worker holds its documents as that snapshot, so the
 * cluster's next live run is sent its changes only.
 */
export async function analyzeOffThread(source: TInventorySource, cluster: string, next: string, settings: TAnalysisSettings): Promise<TPreparedSnapshot> {
  const reply = await onWorker(settings, (id) => ({ id, source, cluster, next, limits: settings.limits, applyTeams: settings.applyTeams }) satisfies TAnalysisRequest);
  return reply.result!;
}

/** The live run's documents are not on the worker (it restarted, or another replica made the base): send them. */
export class LiveBaseNotHeldError extends Error {}

/**
 * A live run on the analysis worker: `changes` applied to the documents of snapshot `base`, which
 * the worker keeps from the run that made it; without them (LiveBaseNotHeldError) the caller runs
 * again with `source`. `next` is the id the resulting snapshot will be stored under.
 */
export async function analyzeLiveOffThread(
  run: Pick<TLiveAnalysisRequest, "cluster" | "base" | "next" | "changes" | "source" | "packSource">,
  settings: TAnalysisSettings,
): Promise<TPreparedSnapshot> {
  const reply = await onWorker(settings, (id) => ({ id, live: true, ...run, limits: settings.limits, applyTeams: settings.applyTeams }) satisfies TLiveAnalysisRequest);
  return reply.result!;
}

async function onWorker(settings: TAnalysisSettings, request: (id: number) => TAnalysisRequest | TLiveAnalysisRequest): Promise<TAnalysisResponse> {
  const s = state();
  await turn(s, settings.maxWaiting);
  try {
    const w = worker(s, settings.memoryMb);
    // when the worker is gone, the next analysis starts another
    const reply = await exchange<TAnalysisResponse>(w, request(s.nextId++), "inventory analysis", () => (s.worker = null)).catch((err: Error & { code?: string }) => {
      if (err.code !== "ERR_WORKER_OUT_OF_MEMORY") throw err;
      throw new AnalysisTooLargeError(`analyzing this inventory needs more than ${settings.memoryMb} MB (INVENTORY_ANALYSIS_MEMORY_MB); split it or raise the limit`);
    });
    const failure = reply.failure;
    if (failure?.kind === "no_base") throw new LiveBaseNotHeldError("the analysis worker does not hold the base snapshot's documents");
    s.analyses++;
    if (failure?.kind === "inventory") throw new InventoryError(failure.source, failure.documentIndex, failure.field, failure.reason);
    if (failure?.kind === "too_large") throw new AnalysisTooLargeError(failure.message);
    if (failure) throw new Error(`inventory analysis failed: ${failure.message}`);
    return reply;
  } catch (err) {
    if (!(err instanceof InventoryError || err instanceof AnalysisTooLargeError || err instanceof LiveBaseNotHeldError)) logger().warn({ err: (err as Error).message }, "inventory analysis failed");
    throw err;
  } finally {
    release(s);
  }
}
