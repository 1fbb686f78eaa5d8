// `npm run bench -- inventory [--pods 10000] [--runs 3]`: POSTs a synthetic cluster's
// `kubectl get -o json` List to the running app (parse, graph, blast radius, stored in one
// transaction) and prints the time per upload and the medians.
import { parseArgs } from "node:util";
import { generateCluster } from "./cluster-gen";
import { startBenchApp } from "./app-server";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchInventory(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { pods: { type: "string" }, runs: { type: "string" } } });
  const pods = Number(values.pods ?? 10_000);
  const runs = Number(values.runs ?? 3);
  const cluster = generateCluster({ pods, seed: 42 });
  const app = await startBenchApp(".data/bench-inventory");
  try {
    const seconds: number[] = [];
    let answer: Record<string, unknown> = {};
    for (let run = 0; run < runs; run++) {
      const t0 = performance.now();
      const res = await fetch(`${app.url}/api/v1/inventory?cluster=bench-${pods}`, {
        method: "POST",
        headers: { authorization: `Bearer ${app.token}`, "content-type": "application/json" },
        body: cluster.text,
      });
      answer = (await res.json()) as Record<string, unknown>;
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(answer)}`);
      seconds.push((performance.now() - t0) / 1000);
    }
    return {
      bench: "inventory",
      pods,
      bodyMB: Math.round((cluster.text.length / 1048576) * 10) / 10,
      runs: seconds.map((s) => Math.round(s * 100) / 100),
      medianSeconds: Math.round(median(seconds) * 100) / 100,
      answer: { objects: answer.objects, pods: answer.pods, edges: answer.edges, assets: answer.assets, workloads: answer.workloads },
    };
  } finally {
    await app.stop();
  }
}
