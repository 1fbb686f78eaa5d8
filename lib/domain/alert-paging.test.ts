import { describe, expect, it } from "vitest";
import { bucketCount, bucketStart, chooseBucket, decodeAlertCursor, encodeAlertCursor, fillBuckets } from "./alert-paging";
import { OTHER_RULES, topSeries } from "../incidents/histogram-series";

describe("alert cursors", () => {
  it("round-trip, keeping PostgreSQL's microseconds", () => {
    const c = { t: "2026-12-01 10:00:00.123456+00", k: "42" };
    expect(decodeAlertCursor(encodeAlertCursor(c))).toEqual(c);
  });
  it("refuse what this API did not make", () => {
    for (const s of ["", "xyz", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["not a time","1"]').toString("base64url"), Buffer.from('["2026-12-01",""]').toString("base64url")]) {
      expect(decodeAlertCursor(s)).toBeNull();
    }
  });
});

describe("buckets", () => {
  const at = (iso: string) => new Date(iso);
  it("auto picks the smallest size that draws the span in at most 60 bars", () => {
    expect(chooseBucket("auto", at("2026-12-01T10:00:00Z"), at("2026-12-01T10:30:00Z"))).toBe("1m");
    expect(chooseBucket("auto", at("2026-12-01T10:00:00Z"), at("2026-12-01T14:00:00Z"))).toBe("5m");
    expect(chooseBucket("auto", at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"))).toBe("1h");
    expect(chooseBucket("auto", at("2026-10-01T00:00:00Z"), at("2026-12-02T00:00:00Z"))).toBe("1d");
    expect(chooseBucket("15m", at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"))).toBe("15m");
  });
  it("fills every bucket, empty ones included, and counts each bar", () => {
    const from = at("2026-12-01T10:07:00Z");
    const to = at("2026-12-01T13:59:00Z");
    expect(bucketStart(from, "1h").toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(bucketCount(from, to, "1h")).toBe(4);
    const bars = fillBuckets(from, to, "1h", [
      { t: at("2026-12-01T10:00:00Z"), counts: { notice: 3, warning: 1 } },
      { t: at("2026-12-01T13:00:00Z"), counts: { notice: 2 } },
    ]);
    expect(bars.map((b) => [b.t.slice(11, 16), b.total])).toEqual([["10:00", 4], ["11:00", 0], ["12:00", 0], ["13:00", 2]]);
  });
});

describe("histogram series", () => {
  it("keeps the six busiest rules and folds the rest into one series", () => {
    const t = new Date("2026-12-01T10:00:00Z");
    const counts = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`rule ${i}`, 10 + i]));
    const { series, rows } = topSeries([{ t, counts }], "rule");
    expect(series.map((s) => s.name)).toEqual(["rule 8", "rule 7", "rule 6", "rule 5", "rule 4", "rule 3", OTHER_RULES]);
    expect(series.at(-1)!.total).toBe(10 + 11 + 12);
    expect(rows[0].counts[OTHER_RULES]).toBe(33);
  });
  it("seven rules or fewer are all shown; severities come in Falco's order", () => {
    const t = new Date();
    expect(topSeries([{ t, counts: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`r${i}`, 1])) }], "rule").series.length).toBe(7);
    expect(topSeries([{ t, counts: { notice: 5, critical: 1, warning: 2 } }], "severity").series.map((s) => s.name)).toEqual(["critical", "warning", "notice"]);
  });
});
