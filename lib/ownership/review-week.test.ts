import { describe, expect, it } from "vitest";
import { reviewWeek } from "./review-week";

describe("reviewWeek", () => {
  const now = new Date("2026-12-02T13:00:00Z"); // a Wednesday
  it("defaults to the last complete week, Monday to Monday in UTC", () => {
    const w = reviewWeek(undefined, now);
    expect(w).toMatchObject({ week: "2026-11-23", previous: "2026-11-16", next: "2026-11-30" });
    expect(w.from.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
  it("takes any day of a week to mean its Monday, and ignores what is not a date", () => {
    expect(reviewWeek("2026-11-29", now).week).toBe("2026-11-23"); // a Sunday
    expect(reviewWeek("2026-11-30", now).week).toBe("2026-11-30");
    expect(reviewWeek("next tuesday", now).week).toBe("2026-11-23");
    expect(reviewWeek("2026-13-45", now).week).toBe("2026-11-23");
  });
});
