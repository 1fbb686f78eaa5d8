import { describe, expect, it } from "vitest";
import { describeActivity } from "./describe-activity";

describe("activity in words", () => {
  it("says what changed, with names instead of ids", () => {
    expect(describeActivity({ action: "incident.status", details: { from: "new", to: "false_positive" } }).summary).toBe(
      "changed status from New to False positive",
    );
    expect(describeActivity({ action: "incident.assign", details: { from: null, to: "u1", toName: "Sam Analyst" } }).summary).toBe("assigned it to Sam Analyst");
    expect(describeActivity({ action: "incident.assign", details: { from: "u1", fromName: "Sam", to: null } }).summary).toBe("unassigned it (was Sam)");
  });

  it("keeps what people wrote as a quote", () => {
    expect(describeActivity({ action: "incident.comment", details: { text: "<b>hi</b>" } })).toEqual({ summary: "commented", quote: "<b>hi</b>" });
    expect(describeActivity({ action: "incident.disposition", details: { verdict: "false_positive", reason: "backup job" } })).toEqual({
      summary: "set the verdict: false positive",
      quote: "backup job",
    });
  });

  it("says where a new inventory moved the incident, and merges", () => {
    expect(
      describeActivity({ action: "incident.workload_resolved", details: { from: "Pod/shop/api-7d9f-zz4tk", to: "Deployment/shop/api", resolvedBy: "controller_name" } }).summary,
    ).toBe("a new inventory matched it to Deployment/shop/api by the name of the controller that made its pod (was Pod/shop/api-7d9f-zz4tk)");
    expect(describeActivity({ action: "incident.merge", details: { merged: "i2" } }).summary).toBe("merged incident i2 into this one");
    expect(describeActivity({ action: "incident.workload_resolved", details: { from: "Pod/a/b", to: "Deployment/a/c", resolvedBy: "manual", reason: "debug pod" } })).toEqual({
      summary: "put it on Deployment/a/c (was Pod/a/b)",
      quote: "debug pod",
    });
  });

  it("falls back to the action name", () => {
    expect(describeActivity({ action: "incident.future_action", details: null })).toEqual({ summary: "incident.future_action", quote: null });
  });

  it("says who escalated with the note, and who cleared it", () => {
    expect(describeActivity({ action: "incident.escalate", details: { note: "not us" } })).toEqual({ summary: "escalated it to the SOC", quote: "not us" });
    expect(describeActivity({ action: "incident.escalation_cleared", details: { note: "not us" } })).toEqual({ summary: "cleared the escalation", quote: "not us" });
  });

  it("says which SLA an incident missed", () => {
    expect(describeActivity({ action: "incident.sla_breach", details: { kind: "acknowledge", targetMinutes: 15, tier: "critical" } }).summary).toBe(
      "missed its SLA: not acknowledged within 15 min (critical tier)",
    );
    expect(describeActivity({ action: "incident.sla_breach", details: { kind: "contain", targetMinutes: 240, tier: "high" } }).summary).toBe(
      "missed its SLA: not contained within 4 h (high tier)",
    );
  });
});
