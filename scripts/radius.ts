// `npm run radius -- [--edges] [--cluster NAME] FILE|DIR...`: the graph engine without a database.
// Prints the blast radius of every workload as a JSON array, or every edge as JSON lines.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { computeBlastRadius } from "../lib/graph/blast-radius";
import { buildAttackGraph } from "../lib/graph/build-graph";
import { parseInventory } from "../lib/inventory/parse-inventory";
import { InventoryError, type TInventorySource } from "../lib/inventory/types";

const USAGE = "usage: npm run radius -- [--edges] [--cluster NAME] FILE|DIR...";

class UsageError extends Error {}

interface TArgs {
  edges: boolean;
  cluster: string;
  files: string[];
}

function parseArgs(argv: string[]): TArgs {
  const args: TArgs = { edges: false, cluster: "cli", files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--edges") args.edges = true;
    else if (arg === "--cluster") {
      const name = argv[++i];
      if (!name) throw new UsageError("--cluster needs a name");
      args.cluster = name;
    } else if (arg.startsWith("--cluster=")) args.cluster = arg.slice("--cluster=".length);
    else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else args.files.push(arg);
  }
  if (args.files.length === 0) throw new UsageError("no inventory file given");
  return args;
}

const INVENTORY_FILE = /\.(ya?ml|json)$/i;

/** Files as given; a directory stands for its *.yaml, *.yml and *.json files, in name order. */
function readSources(files: string[]): TInventorySource[] {
  const sources: TInventorySource[] = [];
  for (const file of files) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      throw new InventoryError(file, 0, "(file)", "cannot be read");
    }
    const names = stat.isDirectory()
      ? readdirSync(file)
          .filter((name) => INVENTORY_FILE.test(name))
          .sort()
          .map((name) => path.join(file, name))
      : [file];
    for (const name of names) {
      const format = /\.json$/i.test(name) ? "json" : /\.ya?ml$/i.test(name) ? "yaml" : undefined;
      sources.push({ name, text: readFileSync(name, "utf8"), ...(format ? { format } : {}) });
    }
  }
  return sources;
}

// Big clusters print hundreds of megabytes: wait for the pipe to drain instead of buffering it all.
async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
}

async function main(): Promise<number> {
  let args: TArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `radius: ${error.message}\n` : ""}${USAGE}\n`);
    return 2;
  }
  let inventory;
  try {
    inventory = parseInventory(readSources(args.files));
  } catch (error) {
    if (!(error instanceof InventoryError)) throw error;
    process.stderr.write(`radius: ${error.source}: document ${error.documentIndex}: ${error.field}: ${error.reason}\n`);
    return 2;
  }
  const graph = buildAttackGraph(inventory, { cluster: args.cluster });
  if (args.edges) {
    let batch = "";
    for (const edge of graph.edges()) {
      batch += `${JSON.stringify({ from: edge.from, edge: edge.edge, to: edge.to })}\n`;
      if (batch.length > 1 << 16) {
        await write(batch);
        batch = "";
      }
    }
    await write(batch);
    return 0;
  }
  const radii = computeBlastRadius(graph, inventory);
  await write("[");
  for (let i = 0; i < radii.length; i++) {
    const r = radii[i];
    const element = {
      workload: r.workload,
      pods: r.pods,
      score: r.score,
      reachable: r.reachable.map((a) => ({ asset: a.asset, type: a.type, sensitivity: a.sensitivity, cost: a.cost, path: a.path })),
    };
    await write(`${i === 0 ? "\n" : ",\n"}${JSON.stringify(element)}`);
  }
  await write(radii.length > 0 ? "\n]\n" : "]\n");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`radius: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
