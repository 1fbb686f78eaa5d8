import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AlertParseError } from "./alert-parse-error";
import { MAX_TIME_NS, MIN_TIME_NS, parseEpochNs, parseRfc3339Ns, toEventTime } from "./event-time";

describe("parseRfc3339Ns", () => {
  it("agrees with Date.parse to the millisecond and keeps every fraction digit", () => {
    fc.assert(
      fc.property(
        // A day inside the bounds on each side, so a UTC offset cannot push the time out of range.
        fc.date({ min: new Date(Number(MIN_TIME_NS / 1_000_000n) + 86_400_000), max: new Date(Number(MAX_TIME_NS / 1_000_000n) - 86_400_000), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom("Z", "+02:00", "-05:30", "+0000"),
        (date, subMs, zone) => {
          const iso = date.toISOString().replace("Z", "");
          const text = `${iso}${String(subMs).padStart(6, "0")}${zone}`;
          const ns = parseRfc3339Ns(text, "time");
          const zoneMs = zone === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.replace(":", "").slice(3, 5))) * 60_000;
          expect(ns).toBe(BigInt(date.getTime() - zoneMs) * 1_000_000n + BigInt(subMs));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accepts 1 to 9 fraction digits and ignores digits past nanoseconds", () => {
    expect(parseRfc3339Ns("2021-01-11T23:46:19.82302759Z", "time") % 1_000_000_000n).toBe(823027590n);
    expect(parseRfc3339Ns("2021-01-11T23:46:19.5Z", "time") % 1_000_000_000n).toBe(500000000n);
    expect(parseRfc3339Ns("2021-01-11T23:46:19.1234567891234Z", "time") % 1_000_000_000n).toBe(123456789n);
  });

  it.each(["2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:60Z", "2024-01-01", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "2024-01-01T00:00:00+25:00", "x".repeat(100)])(
    "rejects %s naming the field",
    (text) => {
      expect(() => parseRfc3339Ns(text, "time")).toThrow(AlertParseError);
      expect(() => parseRfc3339Ns(text, "time")).toThrow(/^time: /);
    },
  );
});

describe("parseEpochNs", () => {
  const exact = 1_700_000_000_123_456_789n;

  it("reads digit strings exactly and numbers as far as a double goes", () => {
    expect(parseEpochNs(exact.toString(), "evt.time", 0n)).toBe(exact);
    expect(parseEpochNs(Number(exact), "evt.time", 0n)).toBe(BigInt(Number(exact)));
  });

  it("prefers the exact fallback when a rounded number agrees with it within a microsecond", () => {
    expect(parseEpochNs(Number(exact), "evt.time", exact)).toBe(exact);
    expect(parseEpochNs(Number(exact), "evt.time", exact + 5_000n)).toBe(BigInt(Number(exact)));
  });

  it.each([-1, 1.5, 0, "abc", {}, [], true, 10])("rejects %s", (value) => {
    expect(() => parseEpochNs(value, "evt.time", exact)).toThrow(AlertParseError);
  });

  it("returns the Date and decimal text of a time", () => {
    expect(toEventTime(exact)).toEqual({ time: new Date(Number(exact / 1_000_000n)), timeNs: exact.toString() });
  });
});
