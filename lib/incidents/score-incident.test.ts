import { describe, expect, it } from "vitest";
import { scoreIncident } from "./score-incident";

describe("scoreIncident", () => {
  it("multiplies blast radius, severity factor and evidence boost, keeping the breakdown", () => {
    const s = scoreIncident({ blast: { score: 100, breakdown: [] }, severity: "error", evidence: true, basis: "workload" });
    expect(s.score).toBe(120);
    expect(s.breakdown).toMatchObject({ blastRadius: 100, severityFactor: 0.8, evidenceBoost: 1.5 });
  });

  it("scores a pod missing from the inventory at zero, and a node at its own value", () => {
    expect(scoreIncident({ blast: null, severity: "critical", evidence: false, basis: "not_in_inventory" }).score).toBe(0);
    expect(scoreIncident({ blast: null, severity: "warning", evidence: false, basis: "node" }).score).toBe(18);
  });

  it("keeps the workload's tier breakdown as it was given, and says why a score is zero", () => {
    const tiers = [
      { tier: "critical" as const, count: 2, nearestCost: 3, chance: 0.64, contribution: 64 },
      { tier: "high" as const, count: 1, nearestCost: 5, chance: 0.2, contribution: 6 },
    ];
    const s = scoreIncident({ blast: { score: 70, breakdown: tiers }, severity: "warning", evidence: false, basis: "workload" });
    expect(s.breakdown.tiers).toEqual(tiers);
    expect(s.score).toBe(42);
    expect(s.breakdown).toMatchObject({ blastRadius: 70, severity: "warning", severityFactor: 0.6, evidenceBoost: 1, basis: "workload" });
    const unknown = scoreIncident({ blast: null, severity: "critical", evidence: true, basis: "not_in_inventory" });
    expect(unknown.breakdown).toMatchObject({ blastRadius: 0, tiers: [], basis: "not_in_inventory" });
  });

  it("falls back to the warning factor for a severity it does not know, rounding to cents", () => {
    expect(scoreIncident({ blast: { score: 33.333, breakdown: [] }, severity: "weird", evidence: false, basis: "workload" }).score).toBe(20);
    expect(scoreIncident({ blast: { score: 10.01, breakdown: [] }, severity: "notice", evidence: true, basis: "workload" }).score).toBe(6.01);
  });

  it("ranks a notice on a critical path above a critical alert on a harmless workload", () => {
    const risky = scoreIncident({ blast: { score: 100, breakdown: [] }, severity: "notice", evidence: false, basis: "workload" });
    const harmless = scoreIncident({ blast: { score: 3, breakdown: [] }, severity: "critical", evidence: false, basis: "workload" });
    expect(risky.score).toBeGreaterThan(harmless.score);
  });
});
