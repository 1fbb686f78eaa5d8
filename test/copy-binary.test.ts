// The binary COPY encoder on edge values, read back from a real PostgreSQL: the ASCII fast path
// and its boundary, multi-byte text, NULLs, integer and time extremes, arrays and jsonb.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, describe, expect, it } from "vitest";
import { from as copyFrom } from "pg-copy-streams";
import { CopyBinaryWriter } from "../lib/db/copy-binary";
import { pgPool } from "../lib/db/pg";

const ascii = (n: number) => "a".repeat(n);

const ROWS: { t: string | null; j: string; b: boolean; i: number | null; ts: Date; arr: string[]; f: number }[] = [
  { t: "", j: "{}", b: false, i: 0, ts: new Date("2000-01-01T00:00:00.000Z"), arr: [], f: 0 },
  { t: ascii(64), j: '{"k":"é"}', b: true, i: 2147483647, ts: new Date("1970-01-01T00:00:00.001Z"), arr: [""], f: 1234.5678 },
  { t: ascii(65), j: '["💥", 1.5e300, null]', b: false, i: -2147483648, ts: new Date("1999-12-31T23:59:59.999Z"), arr: ["a", "ümlaut", "💥"], f: -1e-300 },
  { t: `${ascii(63)}é`, j: '"\\u00e9 escaped"', b: true, i: null, ts: new Date("2262-04-11T23:47:16.854Z"), arr: [ascii(200)], f: Number.MAX_VALUE },
  { t: "💥 emoji and 中文 and tab\tand newline\n", j: '{"nested":{"a":[1,2,3]}}', b: false, i: -1, ts: new Date("1901-12-13T20:45:52.000Z"), arr: ["x,y", '"quoted"', "{braces}"], f: 0.1 + 0.2 },
  { t: null, j: "[]", b: true, i: 42, ts: new Date("2026-12-02T12:34:56.789Z"), arr: ["NULL"], f: 263.87 },
];

afterAll(async () => {
  await pgPool().query("DROP TABLE IF EXISTS copy_binary_probe");
});

describe("CopyBinaryWriter", () => {
  it("writes every edge value so PostgreSQL reads back exactly what was given", async () => {
    const client = await pgPool().connect();
    try {
      await client.query("DROP TABLE IF EXISTS copy_binary_probe");
      await client.query("CREATE TABLE copy_binary_probe (n int4, t text, j jsonb, b bool, i int4, ts timestamptz(3), arr text[], f float8)");
      // a tiny initial buffer: every field makes it grow
      const w = new CopyBinaryWriter(1);
      ROWS.forEach((r, n) => w.row(8).int4(n).text(r.t).jsonb(r.j).bool(r.b).int4(r.i).timestamptz(r.ts).textArray(r.arr).float8(r.f));
      await pipeline(Readable.from([w.finish()]), client.query(copyFrom("COPY copy_binary_probe (n, t, j, b, i, ts, arr, f) FROM STDIN (FORMAT binary)")));
      const back = (await client.query("SELECT n, t, j::text AS j, b, i, ts, arr, f FROM copy_binary_probe ORDER BY n")).rows;
      expect(back).toHaveLength(ROWS.length);
      back.forEach((row, n) => {
        const want = ROWS[n];
        expect(row.t).toBe(want.t);
        expect(JSON.parse(row.j)).toEqual(JSON.parse(want.j));
        expect(row.b).toBe(want.b);
        expect(row.i).toBe(want.i);
        expect((row.ts as Date).toISOString()).toBe(want.ts.toISOString());
        expect(row.arr).toEqual(want.arr);
        expect(row.f).toBe(want.f);
      });
    } finally {
      client.release();
    }
  });

  it("a NUL character is refused by PostgreSQL, not silently stored", async () => {
    const client = await pgPool().connect();
    try {
      await client.query("CREATE TEMP TABLE nul_probe (t text)");
      const w = new CopyBinaryWriter();
      w.row(1).text("before\u0000after");
      await expect(pipeline(Readable.from([w.finish()]), client.query(copyFrom("COPY nul_probe (t) FROM STDIN (FORMAT binary)")))).rejects.toThrow(/0x00|null character|invalid byte/i);
    } finally {
      client.release();
    }
  });
});
