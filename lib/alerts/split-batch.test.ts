import { describe, expect, it } from "vitest";
import { decodeBody, isBlankBody, splitBatch, type TBatch } from "./split-batch";
import { falcoExamples, readText } from "./test-fixtures";

function ok(batch: TBatch) {
  if ("fatal" in batch) throw new Error(`fatal: ${batch.fatal}`);
  return batch;
}

const events = falcoExamples().map((e) => e.event);

describe("splitBatch", () => {
  it("takes one JSON object as one item", () => {
    expect(ok(splitBatch(JSON.stringify(events[0])))).toEqual({ items: [events[0]], indexes: [0], errors: [] });
  });

  it("takes a JSON array, pretty-printed or not, item by item", () => {
    for (const text of [JSON.stringify(events), JSON.stringify(events, null, 2)]) {
      const batch = ok(splitBatch(text));
      expect(batch.items).toEqual(events);
      expect(batch.indexes).toEqual(events.map((_, i) => i));
    }
  });

  it("takes the NDJSON fixture line by line, ignoring blank lines and CRLF", () => {
    const lines = readText("falco/alerts/falco_website_examples.jsonl").trim().split("\n");
    const batch = ok(splitBatch(`\uFEFF${lines.join("\r\n\r\n")}\n\n`));
    expect(batch.items).toEqual(lines.map((line) => JSON.parse(line)));
    expect(batch.indexes).toEqual(lines.map((_, i) => i));
    expect(batch.errors).toEqual([]);
  });

  it("rejects a bad NDJSON line on its own and keeps the rest with their positions", () => {
    const batch = ok(splitBatch([JSON.stringify(events[0]), "{not json", "", JSON.stringify(events[1]), "[1,"].join("\n")));
    expect(batch.items).toEqual([events[0], events[1]]);
    expect(batch.indexes).toEqual([0, 2]);
    expect(batch.errors.map((e) => e.index)).toEqual([1, 3]);
    expect(batch.errors[0].error).toMatch(/^line 2: not JSON/);
  });

  it.each([
    ["an empty body", "  \n "],
    ["a bare number", "42"],
    ["a JSON string", '"hello"'],
    ["JSON null", "null"],
    ["one line of garbage", "{oops"],
    ["broken pretty-printed JSON", '{\n  "rule": "x",\n  42\n'],
  ])("is fatal for %s", (_name, text) => {
    expect(splitBatch(text)).toHaveProperty("fatal");
  });
});

describe("a body as bytes", () => {
  it("is blank only when it holds nothing but ASCII whitespace after an optional BOM", () => {
    for (const blank of ["", " \t\r\n ", "\uFEFF", "\uFEFF \n"]) expect(isBlankBody(Buffer.from(blank))).toBe(true);
    for (const text of ["{}", " [ ] ", "\uFEFF{", "x"]) expect(isBlankBody(Buffer.from(text))).toBe(false);
    // a lone NUL or other control byte is not whitespace: the split rejects it, naming why
    expect(isBlankBody(Buffer.from([0x20, 0x00]))).toBe(false);
  });

  it("decodes UTF-8 dropping the BOM and replacing malformed bytes", () => {
    expect(decodeBody(Buffer.from("\uFEFF[{\"a\":\"caf\u00e9\"}]"))).toBe('[{"a":"caf\u00e9"}]');
    expect(decodeBody(Buffer.from([0x61, 0xff, 0x62]))).toBe("a\uFFFDb");
  });
});
