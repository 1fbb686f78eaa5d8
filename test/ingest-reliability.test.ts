// Reliability of alert ingest: malformed payloads never cause a 500, and a client that
// retries through a database outage ends with exactly the events it sent. This file starts
// its own PostgreSQL so stopping it leaves the rest of the suite alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { migrateDatabase } from "../lib/db/migrate";
import { resetEnvCache } from "../lib/env";
import { apiRequest, makeToken, params } from "./fixtures";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

let server: EmbeddedDatabase;
let dataDir: string;
let token: string;
type TRoute = typeof import("../app/api/v1/alerts/[source]/route");
let route: TRoute;

beforeAll(async () => {
  const parent = mkdtempSync(path.join(tmpdir(), "br-reliability-"));
  chmodSync(parent, 0o755);
  dataDir = path.join(parent, "pg");
  server = await startEmbeddedPostgres({ dataDir });
  await migrateDatabase(server.url);
  process.env.DATABASE_URL = server.url;
  process.env.ALERTS_MAX_BYTES = String(6 * 1024 * 1024);
  resetEnvCache();
  token = (await makeToken("ingest")).secret;
  route = await import("../app/api/v1/alerts/[source]/route");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

const post = (body: string | Uint8Array, type = "application/json", source: "falco" | "tetragon" = "falco") =>
  route.POST(
    apiRequest(`/api/v1/alerts/${source}?cluster=rel`, { method: "POST", token, rawBody: body as string, headers: { "content-type": type } }),
    params({ source }),
  );

const good = (i: number) =>
  makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.UTC(2026, 10, 25, 0, 0, 0, i)), hostname: "n", namespace: "ns", pod: `p${i % 5}` });

describe("malformed payloads", () => {
  const deep = (n: number) => {
    let s = "1";
    for (let i = 0; i < n; i++) s = `{"a":${s}}`;
    return s;
  };
  const CASES: [string, string | Uint8Array, string?][] = [
    ["not JSON", "{oops"],
    ["a bare number", "42"],
    ["a string", '"hello"'],
    ["null", "null"],
    ["array of numbers", "[1,2,3]"],
    ["rule is a number", JSON.stringify([{ ...good(1), rule: 7 }])],
    ["priority unknown", JSON.stringify([{ ...good(2), priority: "apocalyptic" }])],
    ["time garbage", JSON.stringify([{ ...good(3), time: "tuesday" }])],
    ["output_fields is an array", JSON.stringify([{ ...good(4), output_fields: [1, 2] }])],
    ["tags is a string", JSON.stringify([{ ...good(5), tags: "T1611" }])],
    ["huge strings", JSON.stringify([{ ...good(6), output: "x".repeat(200_000) }])],
    ["5 MB single field", JSON.stringify([{ ...good(7), output: "y".repeat(5 * 1024 * 1024) }])],
    ["over the size limit", JSON.stringify([{ ...good(8), output: "z".repeat(7 * 1024 * 1024) }])],
    ["deep nesting", `[${deep(5000)}]`],
    ["deep nesting inside an event", JSON.stringify([{ ...good(9), output_fields: JSON.parse(deep(2000)) }])],
    ["__proto__ keys", `[{"__proto__":{"polluted":true},"rule":"r","output":"o","priority":"Warning","time":"2026-11-25T00:00:00Z","constructor":{"prototype":{"x":1}}}]`],
    ["invalid UTF-8 NDJSON", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d, 0x0a, ...Buffer.from(JSON.stringify(good(10)))]), "application/x-ndjson"],
    ["NUL bytes", JSON.stringify([{ ...good(11), output: "a\u0000b" }])],
    ["lone surrogates", `[${JSON.stringify({ ...good(12), output: "x" }).replace('"output":"x"', '"output":"\\ud800x"')}]`],
    ["tetragon unknown type", JSON.stringify([{ process_bogus: {}, time: "2026-11-25T00:00:00Z" }]), "application/json"],
  ];

  it.each(CASES)("%s: a clear 400/413 or per-item rejection, never a 500", async (_name, body, type) => {
    const res = await post(body, type ?? "application/json", _name.startsWith("tetragon") ? "tetragon" : "falco");
    expect([202, 400, 413]).toContain(res.status);
    const json = await res.json();
    if (res.status === 202) {
      expect(json.accepted + json.duplicates + json.rejected.length).toBeGreaterThan(0);
      for (const r of json.rejected) expect(r.error).toMatch(/\w+/);
    } else {
      expect(json.error.message.length).toBeGreaterThan(3);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("database stopped mid-stream", () => {
  it("answers 503 with Retry-After while down; a retrying client ends with exactly what it sent", async () => {
    const batches = Array.from({ length: 12 }, (_, b) => JSON.stringify(Array.from({ length: 50 }, (_, i) => good(100_000 + b * 50 + i))));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let b = 0; b < batches.length; b++) {
      if (b === 4) await server.stop();
      if (b === 4) {
        // While the database is down the client keeps retrying; bring it back after a few tries.
        for (let attempt = 0; attempt < 3; attempt++) {
          const res = await post(batches[b]);
          statuses.push(res.status);
          retryAfter ??= res.headers.get("retry-after");
        }
        server = await startEmbeddedPostgres({ dataDir, port: server.port });
      }
      for (let attempt = 0; ; attempt++) {
        const res = await post(batches[b]);
        statuses.push(res.status);
        if (res.status === 202) break;
        expect(res.status).toBe(503);
        expect(attempt).toBeLessThan(20);
        await new Promise((r) => setTimeout(r, 200));
      }
      if (b === 6) await post(batches[5]); // a retry of an already-stored batch stores nothing twice
    }
    expect(statuses).toContain(503);
    expect(retryAfter).toBe("5");
    const { pgPool } = await import("../lib/db/pg");
    const res = await pgPool().query(`SELECT count(*)::int AS n, count(DISTINCT "dedupeKey")::int AS d FROM alerts a JOIN clusters c ON c.id = a."clusterId" WHERE c.name = 'rel' AND a.pod IS NOT NULL AND a."time" >= '2026-11-25T00:01:40Z'`);
    expect(res.rows[0]).toEqual({ n: 600, d: 600 });
  }, 120_000);
});
