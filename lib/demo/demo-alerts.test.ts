import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "./build-demo-inventory";
import { loadDemoSources } from "./load-demo-sources";
import { demoFalcoEvents } from "./demo-alerts";
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
});
