// `npm run bench -- ingest [--n 200000] [--batch 500] [--clients 4]`: posts synthetic Falco
// events to the running app end to end, then COPYs the same rows into a scratch table in the
// same run, and prints one JSON object (alerts/s, batch latency, COPY rows/s, their ratio).
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { falcoRules, makeFalcoEvent } from "../../lib/demo/synthetic-falco";
import { normalizeFalcoEvent } from "../../lib/alerts";
import { toAlertRow } from "../../lib/incidents/alert-row";
import type { TAlertRow } from "../../lib/db/alerts";
import { percentile, startBenchApp } from "./app-server";

/** Event i of a run, made on demand so a million-event run never holds them all. */
export function syntheticEvent(start: number, i: number): Record<string, unknown> {
  const rules = syscallRules();
  const ns = `team-${i % 12}`;
  return makeFalcoEvent(rules[i % rules.length], {
    time: new Date(start + i * 7),
    hostname: `ip-10-0-${i % 40}-${i % 250}.ec2.internal`,
    namespace: ns,
    pod: `${ns}-api-5d8f7c-${(i % 300).toString(36)}`,
    container: "app",
    image: `registry.example.com/${ns}/api:1.${i % 9}.0`,
    fields: { "proc.cmdline": `sh -c curl -s http://svc-${i % 50}.${ns}:8080/health?n=${i}`, "proc.pid": 1000 + (i % 30000) },
  });
}

let rulesCache: ReturnType<typeof falcoRules> | undefined;
function syscallRules() {
  rulesCache ??= falcoRules().filter((r) => r.source === "syscall" && r.enabled).slice(0, 40);
  return rulesCache;
}

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const arr = (a: string[]) => `{${a.map((x) => `"${x.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
const COPY_COLUMNS = ["time", "timeNs", "clusterId", "source", "eventType", "rule", "severity", "tags", "namespace", "pod", "procCmdline", "output", "raw", "dedupeKey"];

function copyLine(r: TAlertRow): string {
  const v = [r.time.toISOString(), r.timeNs, "bench", r.source, r.eventType, r.rule, r.severity, arr(r.tags), r.namespace, r.pod, r.procCmdline, r.output, r.raw, r.dedupeKey];
  return v.map((x) => (x === null ? "\\N" : esc(String(x)))).join("\t") + "\n";
}

async function rawCopy(databaseUrl: string, n: number, row: (i: number) => TAlertRow): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_copy`);
    // same storage as the alert partitions (see lib/db/partitions.ts), so the comparison is fair
    await client.query(`CREATE TABLE bench_copy (LIKE alerts INCLUDING DEFAULTS) WITH (toast_tuple_target = 8160)`);
    await client.query(`CREATE UNIQUE INDEX ON bench_copy ("dedupeKey", "time")`);
    // Rows are made before timing starts for each chunk, so the figure is COPY's, not the generator's.
    let seconds = 0;
    const CHUNK = 50_000;
    for (let from = 0; from < n; from += CHUNK) {
      const lines: string[] = [];
      for (let i = from; i < Math.min(n, from + CHUNK); i++) lines.push(copyLine(row(i)));
      const t0 = performance.now();
      const stream = client.query(copyFrom(`COPY bench_copy (${COPY_COLUMNS.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
      await pipeline(Readable.from(lines), stream);
      seconds += (performance.now() - t0) / 1000;
    }
    await client.query(`DROP TABLE bench_copy`);
    return n / seconds;
  } finally {
    await client.end();
  }
}

export async function benchIngest(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { n: { type: "string" }, batch: { type: "string" }, clients: { type: "string" } } });
  const n = Number(values.n ?? 200_000);
  const batchSize = Number(values.batch ?? 500);
  const clients = Number(values.clients ?? 4);
  // Fresh times every run: the dedupe key has no cluster in it, so a rerun would only measure duplicates.
  const start = Date.now() - n * 7;
  const batches = Math.ceil(n / batchSize);
  // Bodies are made before the clock starts (as Buffers, off the JS heap), so the client's own
  // work does not compete with the server during the measured run.
  const bodies = Array.from({ length: batches }, (_, b) =>
    Buffer.from(JSON.stringify(Array.from({ length: Math.min(batchSize, n - b * batchSize) }, (_, k) => syntheticEvent(start, b * batchSize + k)))),
  );
  // A fresh database every run: rows left by earlier runs would make each run slower than the last.
  rmSync(".data/bench-ingest", { recursive: true, force: true });
  const app = await startBenchApp(".data/bench-ingest");
  const cluster = `bench-${Date.now()}`;
  try {
    const latencies: number[] = [];
    let next = 0;
    let retries = 0;
    const cpu0 = app.cpu();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = next++; i < batches; i = next++) {
          const payload = bodies[i];
          for (;;) {
            const s = performance.now();
            const res = await fetch(`${app.url}/api/v1/alerts/falco?cluster=${cluster}`, {
              method: "POST",
              headers: { authorization: `Bearer ${app.token}`, "content-type": "application/json" },
              body: payload,
            });
            await res.arrayBuffer();
            if (res.status === 202) {
              latencies.push(performance.now() - s);
              break;
            }
            if (res.status !== 503) throw new Error(`batch ${i}: HTTP ${res.status}`);
            retries++;
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = app.cpu();
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    const stored = Number((await db.query(`SELECT count(*) FROM alerts a JOIN clusters c ON c.id = a."clusterId" WHERE c.name = $1`, [cluster])).rows[0].count);
    await db.end();
    const copyRowsPerSecond = await rawCopy(app.databaseUrl, n, (i) => toAlertRow(normalizeFalcoEvent(syntheticEvent(start, i))));
    latencies.sort((a, b) => a - b);
    const alertsPerSecond = n / seconds;
    return {
        bench: "ingest",
        n,
        batch: batchSize,
        clients,
        seconds: Number(seconds.toFixed(2)),
        alertsPerSecond: Math.round(alertsPerSecond),
        batchLatencyMs: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
        retries,
        // CPU per 1,000 alerts is steadier than alerts/s on a shared machine: it shows where the time goes
        cpuMsPer1000Alerts: {
          app: Math.round(((cpu1.app - cpu0.app) * 1e6) / n),
          postgres: Math.round(((cpu1.postgres - cpu0.postgres) * 1e6) / n),
        },
        copyRowsPerSecond: Math.round(copyRowsPerSecond),
        ratioToCopy: Number((alertsPerSecond / copyRowsPerSecond).toFixed(3)),
        storedEqualsSent: stored === n,
        stored,
      };
  } finally {
    await app.stop();
  }
}
