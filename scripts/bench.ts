// `npm run bench -- <name> [options]`: runs one benchmark and prints its figures as one JSON object.
// Each benchmark is imported only when chosen, so one never pays for another's dependencies.

type TBench = (args: string[]) => object | Promise<object>;

const BENCHES: Record<string, () => Promise<TBench>> = {
  graph: async () => (await import("./bench/graph")).benchGraph,
  ingest: async () => (await import("./bench/ingest")).benchIngest,
  "ingest-worker": async () => (await import("./bench/ingest-worker")).benchIngestWorker,
  inventory: async () => (await import("./bench/inventory")).benchInventory,
  queue: async () => (await import("./bench/queue")).benchQueue,
  "incident-page": async () => (await import("./bench/incident-page")).benchIncidentPage,
  live: async () => (await import("./bench/live")).benchLive,
  "live-worker": async () => (await import("./bench/live-worker")).benchLiveWorker,
  metrics: async () => (await import("./bench/metrics")).benchMetrics,
  fixes: async () => (await import("./bench/fixes")).benchFixes,
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const load = name ? BENCHES[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options]\n  graph: --pods N [--runs R] [--seed S]\n  inventory: --pods N [--runs R]\n  ingest: --n N [--batch B] [--clients C]\n  ingest-worker: [--n N] [--batch B] [--runs R]\n  queue: --incidents N --alerts N [--requests R]\n  incident-page: [--pods N] [--runs R]\n  live: [--pods N] [--seconds S] [--rate R]\n  live-worker: [--pods N] [--runs R]\n  metrics: [--incidents N] [--requests R]\n  fixes: [--pods N] [--workloads W] [--runs R]\n`);
    return 2;
  }
  const bench = await load();
  process.stdout.write(`${JSON.stringify(await bench(args))}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
