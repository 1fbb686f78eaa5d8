// Reads an alert batch: one JSON object, a JSON array, or NDJSON. NDJSON sent as such
// (application/x-ndjson, application/jsonl) is decoded line by line as it streams in.
import { splitBatch, iterateNdjson } from "../alerts";
import { decodeBody, isBlankBody } from "../alerts/split-batch";
import { badRequest, tooLarge } from "./errors";
import { readBodyBytes } from "./read-body";

export interface TBatch {
  items: { index: number; value: unknown }[];
  rejected: { index: number; error: string }[];
  /** a JSON (not NDJSON-typed) body left undecoded and unsplit, when asked with `split: false` */
  body?: Uint8Array;
  /** bytes read */
  bytes: number;
}

const MAX_LINE_BYTES = 1024 * 1024;

async function* limited(body: ReadableStream<Uint8Array>, limit: number, counted: { bytes: number }): AsyncGenerator<Uint8Array> {
  let total = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      counted.bytes = total;
      if (total > limit) throw tooLarge(limit);
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function readBatch(req: Request, limit: number, opts: { split?: boolean } = {}): Promise<TBatch> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const type = req.headers.get("content-type") ?? "";
  const batch: TBatch = { items: [], rejected: [], bytes: 0 };
  if (/ndjson|jsonl|json-seq/i.test(type) && req.body) {
    for await (const line of iterateNdjson(limited(req.body, limit, batch), Math.min(MAX_LINE_BYTES, limit))) {
      if (line.error !== undefined) batch.rejected.push({ index: line.index, error: line.error });
      else batch.items.push({ index: line.index, value: line.value });
    }
    if (batch.items.length === 0 && batch.rejected.length === 0) throw badRequest("body: empty; send Falco or Tetragon events");
    return batch;
  }
  const body = await readBodyBytes(req, limit);
  if (isBlankBody(body)) throw badRequest("body: empty; send one event, a JSON array, or NDJSON");
  batch.bytes = body.byteLength;
  if (opts.split === false) return { ...batch, body };
  const text = decodeBody(body);
  const split = splitBatch(text);
  if ("fatal" in split) throw badRequest(`body: ${split.fatal}`);
  split.items.forEach((value, i) => batch.items.push({ index: split.indexes[i], value }));
  batch.rejected.push(...split.errors);
  return batch;
}
