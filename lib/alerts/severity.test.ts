import { describe, expect, it } from "vitest";
import { AlertParseError } from "./alert-parse-error";
import { mitreFromTags } from "./mitre";
import { SEVERITIES, SEVERITY_BY_RANK, SEVERITY_FACTOR, severityFromFalcoPriority, severityFromTags, severityRank } from "./severity";
import { falcoRules } from "./test-fixtures";

describe("severityFromFalcoPriority", () => {
  it("maps every priority in Falco's rule files, in any case", () => {
    for (const { priority } of falcoRules()) {
      for (const variant of [priority, priority.toLowerCase(), priority[0] + priority.slice(1).toLowerCase()]) {
        expect(SEVERITIES).toContain(severityFromFalcoPriority(variant));
      }
    }
    expect(severityFromFalcoPriority("INFO")).toBe(severityFromFalcoPriority("Informational"));
    expect(severityFromFalcoPriority("warn")).toBe(severityFromFalcoPriority("WARNING"));
  });

  it("is the lower-case name for each of Falco's JSON priority names", () => {
    for (const severity of SEVERITIES) expect(severityFromFalcoPriority(severity[0].toUpperCase() + severity.slice(1))).toBe(severity);
  });

  it.each(["", "Severe", "informationalx", "High", null, 3, ["Warning"]])("rejects %j on field priority", (value) => {
    expect(() => severityFromFalcoPriority(value)).toThrow(AlertParseError);
    expect(() => severityFromFalcoPriority(value)).toThrow(/^priority: /);
  });

  it("orders factors with severity and keeps them in (0, 1]", () => {
    const factors = SEVERITIES.map((s) => SEVERITY_FACTOR[s]);
    expect([...factors].sort((a, b) => b - a)).toEqual(factors);
    for (const f of factors) expect(f > 0 && f <= 1).toBe(true);
  });

  it("reads the most severe severity tag of a policy", () => {
    expect(severityFromTags(["severity:low", "severity=CRITICAL", "other"])).toBe("critical");
    expect(severityFromTags(["observability.process"])).toBeNull();
  });
});

describe("mitreFromTags", () => {
  it("reads techniques and tactics from the tags of every Falco rule", () => {
    for (const { tags } of falcoRules()) {
      const { techniques, tactics } = mitreFromTags(tags);
      expect(techniques).toEqual(tags.filter((t) => /^T\d{4}(\.\d{3})?$/.test(t)));
      const named = tags.filter((t) => t.startsWith("mitre_")).map((t) => t.slice(6).replaceAll("_", "-"));
      for (const tactic of named) expect(tactics).toContain(tactic);
    }
  });

  it("turns tactic ids into short names, once each, and ignores the rest", () => {
    expect(mitreFromTags(["TA0003", "mitre_persistence", "t1611", "container", "mitre_not_a_tactic", "T1059.004"])).toEqual({
      techniques: ["T1611", "T1059.004"],
      tactics: ["persistence"],
    });
  });
});

describe("severity ranks (the queue's order after the score)", () => {
  it("ranks debug lowest and emergency highest, round-tripping every name", () => {
    expect(severityRank("debug")).toBe(0);
    expect(severityRank("emergency")).toBe(7);
    expect(severityRank("warning")).toBeGreaterThan(severityRank("notice"));
    expect(severityRank("no-such")).toBe(0);
    for (const s of SEVERITIES) expect(SEVERITY_BY_RANK[severityRank(s)]).toBe(s);
  });
});
