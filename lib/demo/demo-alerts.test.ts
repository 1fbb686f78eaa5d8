import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "./build-demo-inventory";
import { loadDemoSources } from "./load-demo-sources";
import { demoFalcoEvents, demoHistoryEvents } from "./demo-alerts";
import { planDemoTriage } from "./plan-demo-triage";
import { normalizeFalcoEvent } from "../alerts";
import { falcoRule } from "./synthetic-falco";
import { processOf, RULE_PROFILES } from "./falco-profiles";

type TEvent = { rule: string; output: string; output_fields: Record<string, string | number | null> };

describe("demo alerts", () => {
  const now = new Date(Date.UTC(2026, 10, 27, 12));
  const events = demoFalcoEvents(buildDemoInventory(loadDemoSources()), now);

  it("are real Falco events on demo pods over the last 7 days", () => {
    expect(events.length).toBeGreaterThan(1000);
    for (const e of events) {
      const a = normalizeFalcoEvent(e);
      expect(a.namespace && a.pod).toBeTruthy();
      expect(now.getTime() - a.time.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
    }
  });

  it("put the most severe alerts on the noisy workloads, not on the attacked ones", () => {
    const critical = events.map((e) => normalizeFalcoEvent(e)).filter((a) => a.severity === "critical");
    expect(critical.length).toBeGreaterThan(100);
    expect(critical.every((a) => !a.pod!.startsWith("payments-api-"))).toBe(true);
  });

  it("are consistent as a real Falco sends them: every %field of the rule's template present, the output rendered from it, process and file fitting the rule", () => {
    const all = [...events, ...demoHistoryEvents(buildDemoInventory(loadDemoSources()), now)] as TEvent[];
    const rules = new Set<string>();
    for (const e of all) {
      const rule = falcoRule(e.rule);
      rules.add(e.rule);
      const template = [...rule.output.matchAll(/%([a-zA-Z0-9_.]+(\[[0-9]+\])?)/g)].map((m) => m[1]);
      for (const f of template) expect(e.output_fields, `${e.rule}: %${f}`).toHaveProperty([f]);
      // the output is the template with those values, after Falco's time and priority
      const rendered = rule.output.replace(/%([a-zA-Z0-9_.]+(\[[0-9]+\])?)/g, (_m, f: string) => String(e.output_fields[f] ?? "<NA>"));
      expect(e.output.endsWith(rendered)).toBe(true);
      const f = e.output_fields;
      // the process is the command line's program, and its path ends with that name
      if (typeof f["proc.cmdline"] === "string" && "proc.name" in f) expect(f["proc.name"]).toBe(processOf(f["proc.cmdline"]).name);
      if ("proc.exepath" in f && typeof f["proc.cmdline"] === "string") expect(String(f["proc.exepath"]).endsWith(processOf(f["proc.cmdline"]).name)).toBe(true);
      // a file only where the rule reports one, and a file rule's file is a path, a network rule's a connection
      if (!template.includes("fd.name")) expect(f).not.toHaveProperty(["fd.name"]);
      if (/file|etc|Host Sensitive Paths/i.test(e.rule) && template.includes("fd.name")) expect(String(f["fd.name"])).toMatch(/^\//);
      if (/Network Connection|Metadata Service/.test(e.rule)) expect(String(f["fd.name"])).toMatch(/->/);
      if (e.rule === "Packet socket created in container") expect(f["fd.name"]).toBe("<NA>");
      // a package manager runs a package manager; a terminal shell runs a shell
      if (e.rule === "Launch Package Management Process in Container") expect(f["proc.name"]).toMatch(/^(apk|apt|apt-get|yum|dnf|pip|npm)$/);
      if (e.rule === "Terminal shell in container") expect(f["proc.name"]).toMatch(/^(bash|sh|zsh|ash|dash)$/);
    }
    // every rule the demo fires has a profile, so none falls back to guesses
    for (const r of rules) expect(RULE_PROFILES, r).toHaveProperty([r]);
  });

  it("have five earlier weeks of history, six incidents a week, inside alert retention", () => {
    const history = demoHistoryEvents(buildDemoInventory(loadDemoSources()), now).map((e) => normalizeFalcoEvent(e));
    expect(history).toHaveLength(30);
    const weeks = new Set(history.map((a) => Math.floor((now.getTime() - a.time.getTime()) / (7 * 86_400_000))));
    expect([...weeks].sort()).toEqual([1, 2, 3, 4, 5]);
    for (const a of history) expect(now.getTime() - a.time.getTime()).toBeLessThan(42 * 86_400_000);
  });
});

describe("demo triage", () => {
  const now = new Date(Date.UTC(2026, 10, 27, 12));
  const incident = (n: number, daysAgo: number, tier = "critical") => ({
    id: `i${n}`,
    workloadKey: `Deployment/demo/w${n}`,
    tier,
    firstSeen: new Date(now.getTime() - daysAgo * 86_400_000),
    lastSeen: new Date(now.getTime() - daysAgo * 86_400_000 + 60_000),
  });

  it("closes every earlier incident, resolved or false positive, with timestamps in order and in the past", () => {
    const plan = planDemoTriage(Array.from({ length: 40 }, (_, n) => incident(n, 8 + (n % 25))), now, true);
    expect(plan).toHaveLength(40);
    expect(new Set(plan.map((t) => t.status))).toEqual(new Set(["resolved", "false_positive"]));
    for (const t of plan) {
      expect(t.resolvedAt).not.toBeNull();
      expect(t.acknowledgedAt.getTime()).toBeLessThanOrEqual(t.resolvedAt!.getTime());
      if (t.containedAt) expect(t.containedAt.getTime()).toBeLessThanOrEqual(t.resolvedAt!.getTime());
      expect(t.resolvedAt!.getTime()).toBeLessThan(now.getTime());
      if (t.status === "false_positive") expect(t.reason).toBeTruthy();
    }
  });

  it("leaves incidents alerting in the last 36 hours alone, and is the same on every run", () => {
    const incidents = [incident(1, 1), incident(2, 3), incident(3, 5, "other")];
    const plan = planDemoTriage(incidents, now);
    expect(plan.map((t) => t.id)).toEqual(["i2", "i3"]);
    expect(planDemoTriage(incidents, now)).toEqual(plan);
  });
});
