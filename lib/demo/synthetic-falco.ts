// Realistic Falco events built from real rules (prisma/demo/falco_rules_index.json): the
// rule's own output template filled in with a pod's fields, as Falco's http_output posts them.
// Used by the demo seed, the ingest benchmark and tests.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { ruleFields } from "./falco-profiles";

export interface TFalcoRule {
  rule: string;
  priority: string;
  tags: string[];
  source: string;
  enabled: boolean;
  output: string;
  output_fields: string[];
}

let cached: TFalcoRule[] | undefined;

export function falcoRules(): TFalcoRule[] {
  if (!cached) {
    const file = path.resolve(__dirname, "..", "..", "prisma", "demo", "falco_rules_index.json");
    cached = (JSON.parse(readFileSync(file, "utf8")) as { rules: TFalcoRule[] }).rules;
  }
  return cached;
}

export function falcoRule(name: string): TFalcoRule {
  const rule = falcoRules().find((r) => r.rule === name);
  if (!rule) throw new Error(`no Falco rule named ${name}`);
  return rule;
}

export interface TEventContext {
  time: Date;
  hostname: string;
  namespace?: string;
  pod?: string;
  container?: string;
  image?: string;
  fields?: Record<string, string | number>;
}

export function makeFalcoEvent(rule: TFalcoRule, ctx: TEventContext): Record<string, unknown> {
  // the rule's own fields, fitting it (lib/demo/falco-profiles.ts), then the container and
  // Kubernetes fields Falco appends to every container event (append_output / -pk)
  const given = ctx.fields ?? {};
  const fields: Record<string, string | number | null> = {
    ...ruleFields(rule, given),
    "container.id": given["container.id"] ?? containerId(ctx),
    "container.name": ctx.container ?? "<NA>",
    "container.image.repository": ctx.image?.split(":")[0] ?? "<NA>",
    "container.image.tag": ctx.image?.split(":")[1] ?? "<NA>",
    "k8s.ns.name": ctx.namespace ?? null,
    "k8s.pod.name": ctx.pod ?? null,
  };
  for (const [k, v] of Object.entries(given)) if (!(k in fields)) fields[k] = v;
  const ns = BigInt(ctx.time.getTime()) * 1_000_000n;
  fields["evt.time"] = Number(ns);
  const text = rule.output.replace(/%([a-zA-Z0-9_.]+(\[[0-9]+\])?)/g, (_m, f: string) => String(fields[f] ?? "<NA>"));
  const hhmmss = ctx.time.toISOString().slice(11, 23);
  return {
    hostname: ctx.hostname,
    output: `${hhmmss}000000: ${rule.priority[0]}${rule.priority.slice(1).toLowerCase()} ${text}`,
    priority: rule.priority[0] + rule.priority.slice(1).toLowerCase(),
    rule: rule.rule,
    source: rule.source,
    tags: rule.tags,
    time: ctx.time.toISOString().replace(/Z$/, "000000Z"),
    output_fields: fields,
  };
}

/** a stable 12-hex container id per pod and container, as the runtime's short id */
function containerId(ctx: TEventContext): string {
  if (!ctx.pod) return "<NA>";
  return createHash("sha256").update(`${ctx.namespace}/${ctx.pod}/${ctx.container ?? ""}`).digest("hex").slice(0, 12);
}
