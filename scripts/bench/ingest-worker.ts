// `npm run bench -- ingest-worker [--n 50000] [--batch 500] [--runs 5]`: the normalization
// worker's share of `ingest`, in this process (no HTTP, no database): the same synthetic Falco
// bodies, as bytes, decoded, split, normalized and masked (lib/alerts/normalize-batch.ts), and the
// reply handed over as the worker does (packed, cloned as postMessage would, unpacked). Reports the
// median over runs of CPU µs per event, after a warm-up run, for each of the two.
import { parseArgs } from "node:util";
import { normalizeBody } from "../../lib/alerts/normalize-batch";
import { decodeBody } from "../../lib/alerts/split-batch";
import { packAlert, unpackAlert } from "../../lib/alerts/alert-wire";
import { syntheticEvent } from "./ingest";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function benchIngestWorker(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { n: { type: "string" }, batch: { type: "string" }, runs: { type: "string" } } });
  const n = Number(values.n ?? 50_000);
  const batchSize = Number(values.batch ?? 500);
  const runs = Number(values.runs ?? 5);
  const start = Date.now() - n * 7;
  const bodies: Buffer[] = [];
  for (let from = 0; from < n; from += batchSize) {
    bodies.push(Buffer.from(JSON.stringify(Array.from({ length: Math.min(batchSize, n - from) }, (_, k) => syntheticEvent(start, from + k)))));
  }
  const normalizeUs: number[] = [];
  const handOverUs: number[] = [];
  let alerts = 0;
  for (let run = 0; run <= runs; run++) {
    let normalizeCpu = 0;
    let cloneCpu = 0;
    alerts = 0;
    for (const body of bodies) {
      const c0 = process.cpuUsage();
      const batch = normalizeBody("falco", decodeBody(body), []);
      const c1 = process.cpuUsage();
      if ("fatal" in batch) throw new Error(batch.fatal);
      structuredClone(batch.alerts.map(packAlert)).map(unpackAlert);
      const c2 = process.cpuUsage();
      normalizeCpu += c1.user - c0.user + (c1.system - c0.system);
      cloneCpu += c2.user - c1.user + (c2.system - c1.system);
      alerts += batch.alerts.length;
    }
    if (run === 0) continue;
    normalizeUs.push(normalizeCpu / n);
    handOverUs.push(cloneCpu / n);
  }
  if (alerts !== n) throw new Error(`normalized ${alerts} of ${n} events`);
  return {
    bench: "ingest-worker",
    n,
    batch: batchSize,
    runs,
    /** decode + split + normalize + mask, CPU µs per event (median of runs) */
    normalizeUsPerEvent: Number(median(normalizeUs).toFixed(1)),
    /** the hand-over of the reply: pack, structured clone, unpack; CPU µs per event (median of runs) */
    handOverUsPerEvent: Number(median(handOverUs).toFixed(1)),
  };
}
