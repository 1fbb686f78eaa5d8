// The raw payload kept beside each alert: masked like everything else and bounded in size, so
// an event carrying a 5 MB field stores a preview instead of the whole thing.
import { MAX_MASK_DEPTH, maskDeepJson } from "./mask-deep";
import type { TMaskPattern } from "./mask-patterns";
import type { TTruncatedRaw } from "./types";

export const DEFAULT_MAX_RAW_BYTES = 64 * 1024;

/**
 * JSON text of the masked copy of `input`, at most `maxRawBytes` bytes, or of a TTruncatedRaw preview.
 * `prepared`: strings of `input` already cleaned, masked and capped to `maxField` with `extra`
 * (prepareText), by the string itself; they are not masked again.
 */
export function boundRawPayload(input: unknown, extra: readonly TMaskPattern[], maxField: number, maxRawBytes: number, prepared?: ReadonlyMap<string, string>): string {
  const fullText = maskDeepJson(input, { extra, maxString: maxField, maxArray: 10_000, maxKeys: 10_000, maxDepth: MAX_MASK_DEPTH, prepared }) ?? "null";
  // A UTF-16 unit is at most 3 UTF-8 bytes: most payloads fit without counting.
  if (fullText.length * 3 <= maxRawBytes || byteLength(fullText) <= maxRawBytes) return fullText;
  // Too big: keep the shape, shorten everything, and say so.
  const previewText = maskDeepJson(input, { extra, maxString: 256, maxArray: 16, maxKeys: 64, maxDepth: 12 }) ?? "null";
  if (byteLength(previewText) + 64 <= maxRawBytes) return `{"truncated":true,"preview":${previewText}}`;
  return JSON.stringify({ truncated: true, preview: cutToBytes(previewText, Math.max(0, maxRawBytes - 256)) } satisfies TTruncatedRaw);
}

/**
 * True when `raw` is the preview of an oversized payload. Exactly these two keys: a valid event always
 * has others (rule, time, an event type), so a payload cannot pass itself off as a preview.
 */
export function isTruncatedRaw(raw: unknown): raw is TTruncatedRaw {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  const keys = Object.keys(raw);
  return keys.length === 2 && (raw as { truncated?: unknown }).truncated === true && keys.includes("preview");
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

// Cuts by UTF-16 units first (a byte is at most one unit), then trims until the bytes fit.
function cutToBytes(text: string, maxBytes: number): string {
  let cut = text.slice(0, maxBytes);
  while (byteLength(cut) > maxBytes) cut = cut.slice(0, Math.max(0, cut.length - Math.ceil((byteLength(cut) - maxBytes) / 3) - 1));
  return cut.toWellFormed();
}
