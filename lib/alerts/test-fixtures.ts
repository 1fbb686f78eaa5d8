// Test support only (reads files): the real Falco and Tetragon payloads in ../shared/fixtures.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));

export interface TFixtureEvent {
  name: string;
  event: Record<string, unknown>;
}

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, relative), "utf8"));
}

export function readText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), "utf8");
}

/** A deep copy, so a test can change a fixture without touching the others. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The 15 Falco website examples, each with its source line. */
export function falcoExamples(): TFixtureEvent[] {
  const list = readJson("falco/alerts/falco_website_examples.json") as { _src: string; event: Record<string, unknown> }[];
  return list.map((entry) => ({ name: entry._src.split("/").slice(-1)[0], event: entry.event }));
}

export interface TFalcoRuleInfo {
  rule: string;
  priority: string;
  tags: string[];
  source: string;
  output: string;
  output_fields: string[];
}

export function falcoRules(): TFalcoRuleInfo[] {
  return (readJson("falco/falco_rules_index.json") as { rules: TFalcoRuleInfo[] }).rules;
}

export function falcoRule(name: string): TFalcoRuleInfo {
  const rule = falcoRules().find((r) => r.rule === name);
  if (!rule) throw new Error(`no Falco rule ${name}`);
  return rule;
}

/** Every Tetragon event: the docs' code blocks, Tetragon's testdata, and the O'Reilly report's examples. */
export function tetragonEvents(): TFixtureEvent[] {
  const docs = (readJson("tetragon/docs_events.json") as { _src: string; event: Record<string, unknown> }[]).map((entry) => ({
    name: entry._src.split("/").slice(-1)[0],
    event: entry.event,
  }));
  const testdata = readText("tetragon/testdata_events.jsonl")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => ({ name: `testdata_events.jsonl#${i + 1}`, event: JSON.parse(line) as Record<string, unknown> }));
  const dir = "tetragon/security-observability-with-ebpf";
  const report = (readdirSync(path.join(FIXTURES, dir), { recursive: true }) as string[])
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ name: path.basename(file), event: readJson(path.join(dir, file)) as Record<string, unknown> }));
  return [...docs, ...testdata, ...report];
}

export function tetragonEvent(name: string): Record<string, unknown> {
  const found = tetragonEvents().find((e) => e.name === name);
  if (!found) throw new Error(`no Tetragon fixture ${name}`);
  return clone(found.event);
}

/** The one key of a Tetragon event that names its type. */
export function tetragonType(event: Record<string, unknown>): string {
  const type = Object.keys(event).find((key) => key.startsWith("process_"));
  if (!type) throw new Error("no event type");
  return type;
}
