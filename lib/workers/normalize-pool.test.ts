import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { threadId } from "node:worker_threads";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { falcoRule, makeFalcoEvent } from "../demo/synthetic-falco";
import { normalizeBatch, normalizeBody } from "../alerts/normalize-batch";
import { DEFAULT_POOL_OPTIONS, normalizeBodyText, normalizeItems, normalizePoolStats, PoolSaturatedError, TIMED_OUT, warmNormalizeWorkers } from "./normalize-pool";

const events = Array.from({ length: 300 }, (_, i) =>
  makeFalcoEvent(falcoRule("Read sensitive file untrusted"), {
    time: new Date(Date.UTC(2026, 10, 1, 0, 0, 0, i)),
    hostname: "node-w",
    namespace: "pool",
    pod: `p-${i % 4}`,
    fields: { "proc.cmdline": `psql postgres://app:s3cret-${i}@db/prod` },
  }),
);
const items = events.map((value, index) => ({ index, value }));
const BIG = 1024 * 1024;

const patient = { ...DEFAULT_POOL_OPTIONS, bodyDeadlineMs: () => 60_000, itemDeadlineMs: 60_000 };

describe("normalize pool", () => {
  beforeEach(() => warmNormalizeWorkers(1, "", patient));
  afterAll(() => warmNormalizeWorkers(1, "", DEFAULT_POOL_OPTIONS));

  it("normalizes a JSON body on a worker thread, exactly as the main thread would, masking included", async () => {
    const body = JSON.stringify([...events, { rule: "no time" }]);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const onWorker = await normalizeBodyText("falco", body, "", 1);
    if ("fatal" in onWorker) throw new Error(onWorker.fatal);
    // a worker did the work: its thread, not this one (threadId 0 is the main thread)
    expect(onWorker.normalizedBy).toEqual([expect.any(Number)]);
    expect(onWorker.normalizedBy).not.toContain(threadId);
    expect(normalizePoolStats().threadIds).toContain((onWorker.normalizedBy as number[])[0]);
    const batch = { alerts: onWorker.alerts, rejected: onWorker.rejected };
    expect(batch).toEqual(normalizeBody("falco", body, []));
    expect(batch.alerts).toHaveLength(300);
    expect(batch.alerts[0].time).toBeInstanceOf(Date);
    expect(batch.rejected.map((r) => r.index)).toEqual([300]);
    expect(JSON.stringify(batch.alerts)).not.toContain("s3cret");
  });

  it("decodes a body sent as bytes on the worker: BOM dropped, malformed UTF-8 replaced, as the main thread would", async () => {
    const text = JSON.stringify(events.map((e, i) => (i === 0 ? { ...e, output: "caf\u00e9 \u2603 out" } : e)));
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace("\u2603", "BAD"))]);
    bytes[bytes.indexOf("BAD")] = 0xff; // not UTF-8
    const onWorker = await normalizeBodyText("falco", bytes, "", 1);
    if ("fatal" in onWorker) throw new Error(onWorker.fatal);
    expect(onWorker.normalizedBy).not.toBe("main");
    const expected = normalizeBody("falco", new TextDecoder().decode(bytes), []);
    if ("fatal" in expected) throw new Error(expected.fatal);
    expect({ alerts: onWorker.alerts, rejected: onWorker.rejected }).toEqual(expected);
    expect(onWorker.alerts[0].output).toContain("caf\u00e9 \uFFFDAD out");
    // the retry event by event decodes the same bytes on the main thread before sending the events back
    warmNormalizeWorkers(1, "", { ...patient, bodyDeadlineMs: () => 1 });
    const retried = await normalizeBodyText("falco", bytes, "", 1);
    if ("fatal" in retried) throw new Error(retried.fatal);
    expect(retried.alerts).toEqual(expected.alerts);
  });

  it("normalizes parsed NDJSON events on a worker thread too", async () => {
    const onWorker = await normalizeItems("falco", items, BIG, "", 1);
    expect(onWorker.normalizedBy).toEqual([expect.any(Number)]);
    expect(onWorker.normalizedBy).not.toContain(threadId);
    expect({ alerts: onWorker.alerts, rejected: onWorker.rejected }).toEqual(normalizeBatch("falco", items, []));
  });

  it("applies MASK_PATTERNS on the workers", async () => {
    const tagged = items.slice(0, 3).map((it) => ({ ...it, value: { ...(it.value as object), output: "acct ACME-4242 moved" } }));
    const out = await normalizeItems("falco", tagged, BIG, "ACME-\\d+", 1);
    expect(out.normalizedBy).not.toBe("main");
    expect(out.alerts.map((a) => a.output)).toEqual(["acct **** moved", "acct **** moved", "acct **** moved"]);
  });

  it("reports a body that is neither JSON nor NDJSON as fatal", async () => {
    const junk = `{"a": ${"x".repeat(70 * 1024)}`;
    expect(await normalizeBodyText("falco", junk, "", 1)).toMatchObject({ fatal: expect.stringMatching(/JSON/) });
  });

  it("replaces a worker past its deadline and retries the batch event by event, never on the main thread", async () => {
    warmNormalizeWorkers(1, "", { ...patient, bodyDeadlineMs: () => 1 });
    const before = normalizePoolStats();
    const out = await normalizeBodyText("falco", JSON.stringify(events), "", 1);
    if ("fatal" in out) throw new Error(out.fatal);
    expect(normalizePoolStats().started).toBeGreaterThan(before.started); // the stuck worker was replaced
    expect(normalizePoolStats().workers).toBe(1);
    expect(out.normalizedBy).not.toBe("main");
    expect(out.normalizedBy).not.toContain(threadId);
    expect(out.alerts).toHaveLength(300);
    expect(out.rejected).toEqual([]);
  });

  it("rejects, by index, the events that still time out on their own", async () => {
    // new patterns start a new worker: each job meets a worker still starting, far slower than 1 ms
    warmNormalizeWorkers(1, "x-unused-1", { ...patient, bodyDeadlineMs: () => 1, itemDeadlineMs: 1 });
    const out = await normalizeItems("falco", items.slice(0, 3), BIG, "x-unused-1", 1);
    expect(out.alerts).toEqual([]);
    expect(out.rejected).toEqual([0, 1, 2].map((index) => ({ index, error: TIMED_OUT })));
    expect(normalizePoolStats().workers).toBe(1);
  });

  it("refuses new batches when every worker is busy and the queue is full", async () => {
    warmNormalizeWorkers(1, "", { ...patient, queuePerWorker: 1 });
    const first = normalizeItems("falco", items, BIG, "", 1); // runs
    const second = normalizeItems("falco", items, BIG, "", 1); // waits
    await expect(normalizeItems("falco", items, BIG, "", 1)).rejects.toBeInstanceOf(PoolSaturatedError);
    expect((await first).alerts).toHaveLength(300);
    expect((await second).alerts).toHaveLength(300);
  });

  it("finds its worker from any working directory", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "br-pool-"));
    const root = path.resolve(__dirname, "../..");
    const script = `
      const { normalizeItems } = require(${JSON.stringify(path.join(root, "lib/workers/normalize-pool.ts"))});
      const { threadId } = require("node:worker_threads");
      normalizeItems("falco", [{ index: 0, value: ${JSON.stringify(events[0])} }], 1 << 20, "", 1)
        .then((r) => { console.log(JSON.stringify({ by: r.normalizedBy, main: threadId, alerts: r.alerts.length })); process.exit(0); });`;
    const env = { ...process.env };
    delete env.BLAST_RADIUS_ROOT;
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "-e", script], { cwd, env, timeout: 60_000 });
    const out = JSON.parse(stdout.trim().split("\n").pop()!) as { by: number[]; main: number; alerts: number };
    expect(out.alerts).toBe(1);
    expect(out.by).toHaveLength(1);
    expect(out.by[0]).not.toBe(out.main);
  }, 60_000);
});
