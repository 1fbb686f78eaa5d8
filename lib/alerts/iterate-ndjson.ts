// Streams NDJSON from a request body: UTF-8 decoded per line with a fatal decoder, at most one line
// buffered, and a line longer than `maxLineBytes` rejected on its own without being held in memory.
import { tryParse } from "./split-batch";

export interface TNdjsonItem {
  /** count of non-blank lines before this one, as in splitBatch */
  index: number;
  value?: unknown;
  error?: string;
}

/** Yields one item per non-blank line: its value, or an error (bad UTF-8, bad JSON, too long). */
export async function* iterateNdjson(stream: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<TNdjsonItem> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let parts: Uint8Array[] = [];
  let size = 0;
  let overlong = false;
  let index = 0;
  let lineNumber = 0;

  function finishLine(): TNdjsonItem | null {
    lineNumber++;
    const wasOverlong = overlong;
    const bytes = wasOverlong ? new Uint8Array(0) : concat(parts, size);
    parts = [];
    size = 0;
    overlong = false;
    if (wasOverlong) return { index: index++, error: `line ${lineNumber}: longer than ${maxLineBytes} bytes` };
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { index: index++, error: `line ${lineNumber}: invalid UTF-8` };
    }
    if (text.trim() === "") return null;
    const parsed = tryParse(text);
    return parsed.ok ? { index: index++, value: parsed.value } : { index: index++, error: `line ${lineNumber}: not JSON: ${parsed.error}` };
  }

  for await (const chunk of stream) {
    let start = 0;
    let borrowed = false;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!overlong && end > start) {
        if (size + (end - start) > maxLineBytes) {
          overlong = true;
          parts = [];
          size = 0;
        } else {
          parts.push(chunk.subarray(start, end));
          size += end - start;
          borrowed = newline === -1;
        }
      }
      if (newline === -1) break;
      const item = finishLine();
      if (item !== null) yield item;
      start = newline + 1;
    }
    // The producer may reuse its chunk: keep a private copy of a line that continues in the next one.
    if (borrowed) parts[parts.length - 1] = parts[parts.length - 1].slice();
  }
  if (size > 0 || overlong) {
    const item = finishLine();
    if (item !== null) yield item;
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0].length === size) return parts[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
