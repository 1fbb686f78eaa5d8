import { describe, expect, it } from "vitest";
import { hasActiveFilters, incidentListParams, parseQueueFilters, queueSearchParams, severityAtLeast } from "./queue-filters";

describe("queue filters", () => {
  it("round-trips through the page URL, leaving defaults out", () => {
    const url = new URLSearchParams("team=payments&q=%20shell%20&reachesCritical=1&tactic=&foo=bar");
    const f = parseQueueFilters(url);
    expect(f).toEqual({ team: "payments", q: "shell", reachesCritical: true });
    expect(queueSearchParams(f).toString()).toBe("team=payments&q=shell&reachesCritical=1");
    expect(hasActiveFilters({})).toBe(false);
    expect(hasActiveFilters(f)).toBe(true);
  });

  it("reads server searchParams records too", () => {
    expect(parseQueueFilters({ status: ["resolved", "new"], cluster: "demo-prod", reachesCritical: "0" })).toEqual({
      status: "resolved",
      cluster: "demo-prod",
    });
  });

  it("asks the API for open incidents by default, everything for 'all'", () => {
    expect(incidentListParams({}).get("status")).toBe("new,acknowledged,investigating,contained");
    expect(incidentListParams({ status: "all" }).has("status")).toBe(false);
    expect(incidentListParams({ status: "resolved" }).get("status")).toBe("resolved");
    expect(incidentListParams({ reachesCritical: true }).get("reachesCritical")).toBe("true");
  });

  it("spells 'this severity or worse' as the API's list", () => {
    expect(severityAtLeast("critical")).toBe("emergency,alert,critical");
    expect(severityAtLeast("warning")).toBe("emergency,alert,critical,error,warning");
  });
});
