// Realistic Falco events built from real rules (prisma/demo/falco_rules_index.json): the
// rule's own output template filled in with a pod's fields, as Falco's http_output posts them.
// Used by the demo seed, the ingest benchmark and tests.
import { readFileSync } from "node:fs";
import path from "node:path";

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

const DEFAULTS: Record<string, string | number> = {
  "evt.type": "openat",
  "user.name": "root",
  "user.uid": 0,
  "user.loginuid": -1,
  "proc.name": "cat",
  "proc.exepath": "/usr/bin/cat",
  "proc.pname": "bash",
  "proc.cmdline": "cat /etc/shadow",
  "proc.pcmdline": "bash",
  "proc.tty": 34816,
  "fd.name": "/etc/shadow",
  "fd.nameraw": "/etc/shadow",
  "container.id": "3ad7b26ded6d",
};

export function makeFalcoEvent(rule: TFalcoRule, ctx: TEventContext): Record<string, unknown> {
  const fields: Record<string, string | number | null> = { ...DEFAULTS };
  for (const f of rule.output_fields) if (!(f in fields)) fields[f] = f.startsWith("proc.aname") ? "containerd-shim" : "<NA>";
  Object.assign(fields, {
    "k8s.ns.name": ctx.namespace ?? null,
    "k8s.pod.name": ctx.pod ?? null,
    "container.name": ctx.container ?? "<NA>",
    "container.image.repository": ctx.image?.split(":")[0] ?? "<NA>",
    "container.image.tag": ctx.image?.split(":")[1] ?? "<NA>",
    ...ctx.fields,
  });
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
