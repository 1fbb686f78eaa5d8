// Worker thread entry (see normalize-pool.ts): splits and normalizes request bodies, or normalizes
// events already parsed (NDJSON). MASK_PATTERNS come with the worker's start and compile once.
import { parentPort, threadId, workerData } from "node:worker_threads";
import { compileMaskPatterns } from "../alerts/mask-patterns";
import { normalizeBatch, normalizeBody, type TNormalizedBatch } from "../alerts/normalize-batch";
import type { TTimeWindow } from "../alerts/event-time";
import type { TAlertSource } from "../alerts/types";

export type TNormalizeRequest = { id: number; source: TAlertSource; window?: TTimeWindow } & ({ text: string } | { items: { index: number; value: unknown }[] });

export interface TNormalizeResponse {
  id: number;
  /** threadId says which worker did the work (the main thread's is 0) */
  result?: { threadId: number; batch: TNormalizedBatch | { fatal: string } };
  error?: string;
}

const maskPatterns = compileMaskPatterns((workerData as { maskPatterns?: string } | null)?.maskPatterns ?? "");

parentPort?.on("message", (req: TNormalizeRequest) => {
  let reply: TNormalizeResponse;
  try {
    const batch = "text" in req ? normalizeBody(req.source, req.text, maskPatterns, req.window) : normalizeBatch(req.source, req.items, maskPatterns, req.window);
    reply = { id: req.id, result: { threadId, batch } };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
