import { describe, expect, it } from "vitest";
import { explainScore } from "./explain-score";

const breakdown = {
  blastRadius: 138.46,
  tiers: [
    { tier: "critical", count: 5, nearestCost: 2, contribution: 98.46 },
    { tier: "high", count: 1, nearestCost: 1, contribution: 30 },
    { tier: "low", count: 0, nearestCost: null, contribution: 0 },
  ],
  severity: "warning",
  severityFactor: 0.6,
  evidenceBoost: 1.5,
  basis: "workload",
};

describe("score explanation", () => {
  it("names each reachable tier, how near and what it adds, then the product", () => {
    const e = explainScore({ score: 124.61, breakdown });
    expect(e.tiers.map((t) => t.text)).toEqual(["5 critical assets, nearest at cost 2: +98.5", "1 high asset, nearest at cost 1: +30.0"]);
    expect(e.formula).toBe("blast radius 138.5 × severity warning 0.6 × evidence 1.5 = 124.6");
    expect(e.evidenceNote).toContain("×1.5");
    expect(e.basisNote).toBeNull();
    expect(e.summary).toContain("5 critical assets");
  });

  it("says why there is no blast radius", () => {
    const e = explainScore({ score: 0, breakdown: { ...breakdown, blastRadius: 0, tiers: [], evidenceBoost: 1, basis: "not_in_inventory" } });
    expect(e.basisNote).toMatch(/unknown workload/);
    expect(e.summary).toContain("nothing sensitive within reach");
    expect(e.evidenceNote).toContain("×1");
  });

  it("never fails on an incident stored without a breakdown", () => {
    expect(explainScore({ score: 7, breakdown: null }).summary).toBe("Score 7.0");
  });
});
