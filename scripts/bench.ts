// `npm run bench -- <name> [options]`: runs one benchmark and prints its figures as one JSON object.
import { benchGraph } from "./bench/graph";

const BENCHES: Record<string, (args: string[]) => object> = { graph: benchGraph };

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [--pods N] [--runs R] [--seed S]\n`);
  process.exitCode = 2;
} else {
  process.stdout.write(`${JSON.stringify(bench(args))}\n`);
}
