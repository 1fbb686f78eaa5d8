// Worker thread entry (see normalize-pool.ts): splits and normalizes request bodies, or normalizes
// events already parsed (NDJSON). MASK_PATTERNS come with the worker's start and compile once.
import { parentPort, threadId, workerData } from "node:worker_threads";
import { compileMaskPatterns } from "../alerts/mask-patterns";
import { normalizeBatch, normalizeBody } from "../alerts/normalize-batch";
import { decodeBody } from "../alerts/split-batch";
import { packAlert, type TPackedAlert } from "../alerts/alert-wire";
import type { TTimeWindow } from "../alerts/event-time";
import type { TAlertSource } from "../alerts/types";

export type TNormalizeRequest = { id: number; source: TAlertSource; window?: TTimeWindow } & ({ text: string } | { body: Uint8Array } | { items: { index: number; value: unknown }[] });

/** A normalized batch with its alerts packed (lib/alerts/alert-wire.ts). */
export interface TPackedBatch {
  packed: TPackedAlert[];
  rejected: { index: number; error: string }[];
}

export interface TNormalizeResponse {
  id: number;
  /** threadId says which worker did the work (the main thread's is 0) */
  result?: { threadId: number; batch: TPackedBatch | { fatal: string } };
  error?: string;
}

const maskPatterns = compileMaskPatterns((workerData as { maskPatterns?: string } | null)?.maskPatterns ?? "");

parentPort?.on("message", (req: TNormalizeRequest) => {
  let reply: TNormalizeResponse;
  try {
    const batch =
      "items" in req
        ? normalizeBatch(req.source, req.items, maskPatterns, req.window)
        : normalizeBody(req.source, "text" in req ? req.text : decodeBody(req.body), maskPatterns, req.window);
    reply = { id: req.id, result: { threadId, batch: "fatal" in batch ? batch : { packed: batch.alerts.map(packAlert), rejected: batch.rejected } } };
  } catch (err) {
    reply = { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
