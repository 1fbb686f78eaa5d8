import { describe, expect, it } from "vitest";
import { iterateNdjson, type TNdjsonItem } from "./iterate-ndjson";
import { readText } from "./test-fixtures";

const encoder = new TextEncoder();

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function collect(stream: AsyncIterable<Uint8Array>, max = 1 << 20): Promise<TNdjsonItem[]> {
  const out: TNdjsonItem[] = [];
  for await (const item of iterateNdjson(stream, max)) out.push(item);
  return out;
}

describe("iterateNdjson", () => {
  const text = readText("tetragon/docs_events.jsonl");
  const lines = text.trim().split("\n");

  it("yields every line of the fixture whatever the chunk size, multi-byte characters split across chunks too", async () => {
    const withUnicode = `${lines.join("\n")}\n{"note":"ünïcödé → 🚀"}\n`;
    const expected = [...lines.map((line) => JSON.parse(line)), { note: "ünïcödé → 🚀" }];
    for (const size of [1, 3, 7, 64, 4096, 1 << 20]) {
      const items = await collect(chunksOf(encoder.encode(withUnicode), size));
      expect(items.map((i) => i.value)).toEqual(expected);
      expect(items.map((i) => i.index)).toEqual(expected.map((_, i) => i));
    }
  });

  it("rejects invalid UTF-8 on its own line and keeps going", async () => {
    const bytes = new Uint8Array([...encoder.encode('{"a":1}\n{"b":"'), 0xc3, 0x28, ...encoder.encode('"}\n{"c":3}')]);
    const items = await collect(chunksOf(bytes, 5));
    expect(items.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(items[0].value).toEqual({ a: 1 });
    expect(items[1].error).toMatch(/invalid UTF-8/);
    expect(items[2].value).toEqual({ c: 3 });
  });

  it("rejects over-long lines without buffering them, then reads the next line", async () => {
    const big = `{"x":"${"a".repeat(100_000)}"}`;
    const items = await collect(chunksOf(encoder.encode(`${big}\n{"ok":true}\n${big}`), 1000), 1024);
    expect(items.map((i) => [i.index, i.value ?? i.error])).toEqual([
      [0, "line 1: longer than 1024 bytes"],
      [1, { ok: true }],
      [2, "line 3: longer than 1024 bytes"],
    ]);
  });

  it("reports bad JSON per line, skips blank lines, and reads a last line without a newline", async () => {
    const items = await collect(chunksOf(encoder.encode('\n  \r\n{"a":1}\r\n{bad\n\n[2]'), 4));
    expect(items).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, error: expect.stringMatching(/^line 4: not JSON/) },
      { index: 2, value: [2] },
    ]);
  });

  it("copes with a producer that reuses its chunk buffer", async () => {
    const bytes = encoder.encode('{"first":"line"}\n{"second":"line"}\n');
    async function* reusing(): AsyncGenerator<Uint8Array> {
      const buffer = new Uint8Array(5);
      for (let i = 0; i < bytes.length; i += 5) {
        const part = bytes.subarray(i, i + 5);
        buffer.fill(0x20);
        buffer.set(part);
        yield buffer.subarray(0, part.length);
      }
    }
    expect((await collect(reusing())).map((i) => i.value)).toEqual([{ first: "line" }, { second: "line" }]);
  });
});
