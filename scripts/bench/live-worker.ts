// `npm run bench -- live-worker [--pods 10000] [--runs 12]`: the analysis worker's share of a live
// run, in this process (no database, no HTTP): the synthetic cluster is sent once, then one new pod
// per run is applied to the held documents (lib/workers/inventory-worker.ts liveRun). Reports the
// median wall and CPU time per run after two warm-up runs, and the phases the worker times itself.
import { parseArgs } from "node:util";
import { liveRun } from "../../lib/workers/inventory-worker";
import { generateCluster } from "./cluster-gen";

const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[xs.length >> 1]);

export async function benchLiveWorker(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { pods: { type: "string" }, runs: { type: "string" } } });
  const pods = Number(values.pods ?? 10_000);
  const runs = Number(values.runs ?? 12);
  const generated = generateCluster({ pods, seed: 42 });
  const items = (JSON.parse(generated.text) as { items: { kind: string; metadata: { name: string; namespace?: string; ownerReferences?: unknown[] } }[] }).items;
  const template = items.find((o) => o.kind === "Pod" && o.metadata.ownerReferences?.length)!;
  const limits = { maxEdges: 10_000_000, maxVertices: 2_000_000 };
  let base = "run-0";
  const first = await liveRun({ id: 0, live: true, cluster: "bench", limits, applyTeams: true, base: null, next: base, changes: [], source: { name: "bench.json", text: generated.text, format: "json" }, packSource: true });
  if (first.failure) throw new Error(JSON.stringify(first.failure));
  const wall: number[] = [];
  const cpu: number[] = [];
  const phases: { analyzeMs: number; packMs: number }[] = [];
  let searches = null;
  for (let i = 1; i <= runs + 2; i++) {
    const pod = structuredClone(template);
    pod.metadata.name = `${template.metadata.name}-bench${i}`;
    const next = `run-${i}`;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const reply = await liveRun({ id: i, live: true, cluster: "bench", limits, applyTeams: true, base, next, changes: [{ type: "ADDED", key: `Pod\0${pod.metadata.namespace}\0${pod.metadata.name}`, document: pod }], packSource: false });
    const t1 = performance.now();
    const used = process.cpuUsage(c0);
    if (reply.failure) throw new Error(JSON.stringify(reply.failure));
    base = next;
    if (i <= 2) continue;
    wall.push(t1 - t0);
    cpu.push((used.user + used.system) / 1000);
    phases.push(reply.result!.timings);
    searches = reply.result!.searches;
  }
  return {
    bench: "live-worker",
    pods,
    runs,
    /** one new pod: the worker's whole run (apply, analysis, compaction, row deltas), median */
    runMs: median(wall),
    /** CPU time of the same runs (all threads: GC included), median */
    cpuMs: median(cpu),
    analyzeMs: median(phases.map((p) => p.analyzeMs)),
    packMs: median(phases.map((p) => p.packMs)),
    searches,
  };
}
