import { describe, expect, it } from "vitest";
import { compileLabelSelector, matchesLabelSelector } from "./label-selector";

describe("compileLabelSelector", () => {
  const labels = { app: "web", tier: "frontend" };

  it("matches everything with an empty selector and nothing with a missing one", () => {
    expect(matchesLabelSelector({}, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: {}, matchExpressions: [] }, undefined)).toBe(true);
    expect(matchesLabelSelector(null, labels)).toBe(false);
  });

  it("ANDs matchLabels and matchExpressions", () => {
    expect(matchesLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["frontend"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["backend"] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchLabels: { app: "web", env: "prod" } }, labels)).toBe(false);
  });

  it("implements In, NotIn, Exists and DoesNotExist; NotIn and DoesNotExist match a missing key", () => {
    const match = (operator: string, key: string, values?: string[]) => compileLabelSelector({ matchExpressions: [{ key, operator, values }] })(labels);
    expect(match("In", "app", ["web", "api"])).toBe(true);
    expect(match("In", "missing", ["web"])).toBe(false);
    expect(match("NotIn", "app", ["web"])).toBe(false);
    expect(match("NotIn", "app", ["api"])).toBe(true);
    expect(match("NotIn", "missing", ["web"])).toBe(true);
    expect(match("Exists", "tier")).toBe(true);
    expect(match("Exists", "missing")).toBe(false);
    expect(match("DoesNotExist", "missing")).toBe(true);
    expect(match("DoesNotExist", "app")).toBe(false);
  });

  it("matches nothing when an operator is unknown, as the API server would refuse it", () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: "app", operator: "Gt", values: ["1"] }] }, labels)).toBe(false);
  });
});
