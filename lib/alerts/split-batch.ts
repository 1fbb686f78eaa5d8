// Splits an ingest body into events: one JSON object, a JSON array, or NDJSON (one object per line,
// blank lines ignored). A bad NDJSON line is rejected on its own; a body that is none of these is fatal.

export interface TBatchError {
  index: number;
  error: string;
}

export type TBatch =
  | {
      items: unknown[];
      /** position of each item in the body (array index, or count of non-blank NDJSON lines before it) */
      indexes: number[];
      errors: TBatchError[];
    }
  | { fatal: string };

/** A request body as text: UTF-8, a leading BOM dropped, malformed bytes replaced with U+FFFD. */
export function decodeBody(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

/** True when the body holds only ASCII whitespace (after a UTF-8 BOM): nothing to decode or split. */
export function isBlankBody(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/** Splits `bodyText`; `index` in errors and `indexes` counts records, not bytes or lines. */
export function splitBatch(bodyText: string): TBatch {
  const text = bodyText.startsWith("\uFEFF") ? bodyText.slice(1) : bodyText;
  if (text.trim() === "") return { fatal: "empty body" };
  const whole = tryParse(text);
  if (whole.ok) {
    if (Array.isArray(whole.value)) return { items: whole.value, indexes: whole.value.map((_, i) => i), errors: [] };
    if (typeof whole.value === "object" && whole.value !== null) return { items: [whole.value], indexes: [0], errors: [] };
    return { fatal: "expected a JSON object, a JSON array of objects, or NDJSON" };
  }
  if (!/[\r\n]/.test(text.trim())) return { fatal: `not JSON: ${whole.error}` };
  return splitNdjson(text);
}

function splitNdjson(text: string): TBatch {
  const items: unknown[] = [];
  const indexes: number[] = [];
  const errors: TBatchError[] = [];
  let index = 0;
  let sawObject = false;
  let lineNumber = 0;
  for (const line of text.split("\n")) {
    lineNumber++;
    if (line.trim() === "") continue;
    const parsed = tryParse(line);
    if (parsed.ok) {
      items.push(parsed.value);
      indexes.push(index);
      sawObject ||= typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value);
    } else {
      errors.push({ index, error: `line ${lineNumber}: not JSON: ${parsed.error}` });
    }
    index++;
  }
  // Pretty-printed JSON with a syntax error is not NDJSON, even if a line like `42` parses.
  if (!sawObject) return { fatal: "not JSON or NDJSON: no line holds a JSON object" };
  return { items, indexes, errors };
}

export function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 200) : "invalid JSON" };
  }
}
