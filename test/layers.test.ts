// No import cycles between lib/'s folders (DESIGN.md "Layers, enforced"): value imports only —
// `import type` erases at build time and never runs a module. A cycle found names its folders.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LIB = path.resolve(__dirname, "../lib");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && name !== "test-fixtures.ts" && name !== "test-kubeconfig.ts" ? [full] : [];
  });
}

/** lib/<folder>/… → folder; a file directly in lib/ (env.ts, log.ts, errors.ts, bootstrap.ts) is a node of its own. */
const folderOf = (file: string) => {
  const rel = path.relative(LIB, file).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.tsx?$/, ".ts");
};

/** folder → folders it imports values from, with one example file each. */
export function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const statement = /^\s*(import|export)\s+(?!type\b)([^;]*?)\s+from\s+["']([^"']+)["']/gm;
  for (const file of sources(LIB)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(statement)) {
      const [, , clause, spec] = m;
      // `import { type A, type B }` is type-only too
      if (/^\{[^}]*\}$/.test(clause.trim()) && clause.replace(/[{}\s]/g, "").split(",").filter(Boolean).every((n) => n.startsWith("type"))) continue;
      let target: string | null = null;
      if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
      else if (spec.startsWith("@/lib/")) target = path.join(LIB, spec.slice("@/lib/".length));
      if (!target || !target.startsWith(LIB + path.sep)) continue;
      const [from, to] = [folderOf(file), folderOf(target + (target.endsWith(".ts") ? "" : ".ts"))];
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, path.relative(LIB, file));
    }
  }
  return graph;
}

function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, "open");
    stack.push(n);
    for (const m of graph.get(n)?.keys() ?? []) {
      if (state.get(m) === "open") found.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, "done");
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

describe("lib/ folders", () => {
  it("import each other without a cycle", () => {
    const graph = folderGraph();
    const found = cycles(graph).map((c) => c.map((f, i) => (i < c.length - 1 ? `${f} (${graph.get(f)!.get(c[i + 1])})` : f)).join(" → "));
    expect(found).toEqual([]);
  });

  it("would see a cycle (the check itself works)", () => {
    const graph = new Map([
      ["a", new Map([["b", "a/x.ts"]])],
      ["b", new Map([["a", "b/y.ts"]])],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "a"]]);
  });
});
