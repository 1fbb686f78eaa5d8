import { describe, expect, it } from "vitest";
import { scoreIncident } from "./score-incident";
import { matchEvidence } from "./match-evidence";

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

  it("ranks a notice on a critical path above a critical alert on a harmless workload", () => {
    const risky = scoreIncident({ blast: { score: 100, breakdown: [] }, severity: "notice", evidence: false, basis: "workload" });
    const harmless = scoreIncident({ blast: { score: 3, breakdown: [] }, severity: "critical", evidence: false, basis: "workload" });
    expect(risky.score).toBeGreaterThan(harmless.score);
  });
});

describe("matchEvidence", () => {
  const paths = [
    [
      { from: "Container/shop/api-1/api", edge: "IDENTITY_ASSUME" as const, to: "ServiceAccount/shop/api" },
      { from: "ServiceAccount/shop/api", edge: "PERMISSION_DISCOVER" as const, to: "PermissionSet/shop/r::b" },
    ],
  ];

  it("links evidence to the step of this pod's path", () => {
    const [m] = matchEvidence([{ edge: "IDENTITY_ASSUME", detail: "read token" }], paths, { namespace: "shop", pod: "api-1" });
    expect(m.step).toEqual(paths[0][0]);
  });

  it("does not link a step that starts in another pod, nor an edge kind absent from the paths", () => {
    expect(matchEvidence([{ edge: "IDENTITY_ASSUME", detail: "" }], paths, { namespace: "shop", pod: "api-2" })[0].step).toBeNull();
    expect(matchEvidence([{ edge: "IMDS_ACCESS", detail: "" }], paths, { namespace: "shop", pod: "api-1" })[0].step).toBeNull();
  });
});
