import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "./build-demo-inventory";
import { loadDemoSources } from "./load-demo-sources";
import { demoFalcoEvents, demoHistoryEvents } from "./demo-alerts";
import { planDemoTriage } from "./plan-demo-triage";
import { normalizeFalcoEvent } from "../alerts";

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
