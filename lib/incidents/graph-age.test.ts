import { describe, expect, it } from "vitest";
import { graphAgeWarning } from "./graph-age";

describe("a graph older than the alert", () => {
  const alert = "2026-12-02T12:00:00Z";
  it("says nothing for an inventory taken shortly before (or after) the alert", () => {
    expect(graphAgeWarning("2026-12-02T11:55:00Z", alert)).toBeNull();
    expect(graphAgeWarning("2026-12-02T12:30:00Z", alert)).toBeNull();
    expect(graphAgeWarning(null, alert)).toBeNull();
  });
  it("warns, saying how old, when it was taken well before", () => {
    expect(graphAgeWarning("2026-12-02T11:30:00Z", alert)).toMatch(/taken 30 min before the first alert/);
    expect(graphAgeWarning("2026-12-02T06:00:00Z", alert)).toMatch(/taken 6 h before/);
    expect(graphAgeWarning("2026-11-25T12:00:00Z", alert)).toMatch(/taken 7 days before/);
  });
});
