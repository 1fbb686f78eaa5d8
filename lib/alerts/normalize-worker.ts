// Worker thread entry (see normalize-pool.ts): splits and normalizes request bodies.
import { parentPort } from "node:worker_threads";
import { maskPatternsFrom, normalizeBody } from "./normalize-batch";
import type { TAlertSource } from "./types";

export interface TNormalizeRequest {
  id: number;
  source: TAlertSource;
  text: string;
  maskPatterns: string;
}

parentPort?.on("message", (req: TNormalizeRequest) => {
  try {
    parentPort!.postMessage({ id: req.id, result: normalizeBody(req.source, req.text, maskPatternsFrom(req.maskPatterns)) });
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
