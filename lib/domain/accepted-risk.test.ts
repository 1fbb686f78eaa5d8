import { describe, expect, it } from "vitest";
import { acceptedEdgeMarks, acceptedLabel, expiryProblem, latestExpiry, riskState, stableEdgeRef } from "./accepted-risk";

const PODS = ["Pod/payments/api-7d9f-x1", "Pod/payments/api-7d9f-x2"];

describe("stableEdgeRef", () => {
  it("writes the workload's own pod names as * and the node an own container escapes to as Node/*", () => {
    expect(stableEdgeRef({ from: "Container/payments/api-7d9f-x1/api", edge: "CE_PRIV_MOUNT", to: "Node/node-a" }, PODS)).toEqual({
      from: "Container/payments/*/api",
      edge: "CE_PRIV_MOUNT",
      to: "Node/*",
    });
    expect(stableEdgeRef({ from: "Volume/payments/api-7d9f-x2/token", edge: "TOKEN_STEAL", to: "ServiceAccount/payments/api" }, PODS)).toEqual({
      from: "Volume/payments/*/token",
      edge: "TOKEN_STEAL",
      to: "ServiceAccount/payments/api",
    });
  });

  it("keeps other workloads' pods, and nodes reached from elsewhere, exactly", () => {
    const step = { from: "Node/node-a", edge: "POD_EXEC", to: "Pod/kube-system/coredns-1" };
    expect(stableEdgeRef(step, PODS)).toEqual(step);
    // a pod of another workload with a name that merely starts like ours
    const other = { from: "Container/payments/api-7d9f-x10/api", edge: "CE_PRIV_MOUNT", to: "Node/node-a" };
    expect(stableEdgeRef(other, PODS)).toEqual(other);
    // same pod name in another namespace
    const elsewhere = { from: "Container/billing/api-7d9f-x1/api", edge: "CE_PRIV_MOUNT", to: "Node/node-a" };
    expect(stableEdgeRef(elsewhere, PODS)).toEqual(elsewhere);
  });

  it("maps two pods of one workload to the same identifiers", () => {
    const a = stableEdgeRef({ from: "Container/payments/api-7d9f-x1/api", edge: "CE_PRIV_MOUNT", to: "Node/node-a" }, PODS);
    const b = stableEdgeRef({ from: "Container/payments/api-7d9f-x2/api", edge: "CE_PRIV_MOUNT", to: "Node/node-b" }, PODS);
    expect(a).toEqual(b);
  });
});

describe("expiry", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  it("must be in the future and at most one calendar year on", () => {
    expect(latestExpiry(now).toISOString()).toBe("2027-12-02T10:00:00.000Z");
    expect(expiryProblem(new Date("2027-12-02T10:00:00Z"), now)).toBeNull();
    expect(expiryProblem(new Date("2027-12-02T10:00:01Z"), now)).toMatch(/at most a year/);
    expect(expiryProblem(new Date("2026-12-02T10:00:00Z"), now)).toMatch(/in the future/);
    expect(expiryProblem(new Date("nonsense"), now)).toMatch(/must be a date/);
  });

  it("decides the state: revoked beats expired beats active", () => {
    expect(riskState({ expiresAt: "2026-12-03T00:00:00Z", revokedAt: null }, now)).toBe("active");
    expect(riskState({ expiresAt: "2026-12-02T10:00:00Z", revokedAt: null }, now)).toBe("expired");
    expect(riskState({ expiresAt: "2026-12-01T00:00:00Z", revokedAt: "2026-11-30T00:00:00Z" }, now)).toBe("revoked");
  });
});

describe("acceptedEdgeMarks", () => {
  const risk = {
    id: "r1",
    edge: { from: "Container/payments/*/api", edge: "CE_PRIV_MOUNT", to: "Node/*" },
    expiresAt: "2027-03-01T00:00:00.000Z",
    owner: "Maya Chen",
    reason: "node pool replaced in March",
  };
  const paths = [
    { path: [{ from: "Container/payments/api-9zz-q1/api", edge: "CE_PRIV_MOUNT", to: "Node/node-c" }, { from: "Node/node-c", edge: "POD_EXEC", to: "Pod/kube-system/etcd" }] },
    { path: [{ from: "Container/payments/api-9zz-q1/api", edge: "IDENTITY_ASSUME", to: "ServiceAccount/payments/api" }] },
  ];
  it("marks the drawn edge the stable identifiers stand for, on a pod the risk was never accepted on", () => {
    const marks = acceptedEdgeMarks(paths, ["Pod/payments/api-9zz-q1"], [risk]);
    expect([...marks]).toEqual([["Container/payments/api-9zz-q1/api|CE_PRIV_MOUNT|Node/node-c", { id: "r1", expiresAt: risk.expiresAt, owner: "Maya Chen", reason: risk.reason }]]);
    expect(acceptedLabel(marks.values().next().value!)).toBe("accepted until 2027-03-01 by Maya Chen");
  });

  it("marks no edge for a whole-workload risk or a risk on another edge", () => {
    expect(acceptedEdgeMarks(paths, ["Pod/payments/api-9zz-q1"], [{ ...risk, edge: null }]).size).toBe(0);
    expect(acceptedEdgeMarks(paths, ["Pod/payments/api-9zz-q1"], [{ ...risk, edge: { ...risk.edge, edge: "CE_SYS_PTRACE" } }]).size).toBe(0);
  });
});
