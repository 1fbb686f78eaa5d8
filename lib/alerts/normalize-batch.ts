// A batch of sensor events normalized in one go: bad events are rejected by index with the reason,
// the rest become alerts. `normalizeBody` also splits the request body (JSON array, one object, or
// NDJSON), so the whole CPU-bound part of ingest can run off the web server's main thread.
import { AlertParseError } from "./alert-parse-error";
import { timeWindowError, type TTimeWindow } from "./event-time";
import { normalizeFalcoEvent } from "./normalize-falco";
import { normalizeTetragonEvent } from "./normalize-tetragon";
import { splitBatch } from "./split-batch";
import type { TMaskPattern } from "./mask-patterns";
import type { TAlertSource, TNormalizedAlert } from "./types";

export interface TNormalizedBatch {
  alerts: TNormalizedAlert[];
  rejected: { index: number; error: string }[];
}

/** Normalizes each event; one that fails, or whose time is outside `window` (when given), is rejected by index. */
export function normalizeBatch(
  source: TAlertSource,
  items: { index: number; value: unknown }[],
  maskPatterns: readonly TMaskPattern[],
  window?: TTimeWindow,
): TNormalizedBatch {
  const normalize = source === "falco" ? normalizeFalcoEvent : normalizeTetragonEvent;
  const alerts: TNormalizedAlert[] = [];
  const rejected: { index: number; error: string }[] = [];
  for (const { index, value } of items) {
    try {
      const alert = normalize(value, { maskPatterns });
      const outside = window ? timeWindowError(alert.time, window) : null;
      if (outside) rejected.push({ index, error: outside });
      else alerts.push(alert);
    } catch (err) {
      if (!(err instanceof AlertParseError)) throw err;
      rejected.push({ index, error: err.message });
    }
  }
  return { alerts, rejected };
}

/** Splits and normalizes a request body; `fatal` when the body is not JSON or NDJSON at all. */
export function normalizeBody(source: TAlertSource, text: string, maskPatterns: readonly TMaskPattern[], window?: TTimeWindow): TNormalizedBatch | { fatal: string } {
  const split = splitBatch(text);
  if ("fatal" in split) return { fatal: split.fatal };
  const batch = normalizeBatch(
    source,
    split.items.map((value, i) => ({ index: split.indexes[i], value })),
    maskPatterns,
    window,
  );
  batch.rejected.push(...split.errors);
  batch.rejected.sort((a, b) => a.index - b.index);
  return batch;
}
