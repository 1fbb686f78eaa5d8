import { describe, expect, it } from "vitest";
import { incidentWorkloadId, isStableWorkloadId, stableWorkloadId } from "./workload-id";

describe("stable workload ids", () => {
  it("depend on cluster and key only, and look the same everywhere", () => {
    const a = stableWorkloadId("prod", "Deployment/payments/api");
    expect(a).toBe(stableWorkloadId("prod", "Deployment/payments/api"));
    expect(a).toMatch(/^wl_[0-9a-f]{24}$/);
    expect(isStableWorkloadId(a)).toBe(true);
    expect(stableWorkloadId("staging", "Deployment/payments/api")).not.toBe(a);
    expect(stableWorkloadId("prod", "StatefulSet/payments/api")).not.toBe(a);
  });

  it("tells a per-snapshot row id from a stable one", () => {
    expect(isStableWorkloadId("cm3abc0000000000000000000")).toBe(false);
    expect(isStableWorkloadId("wl_../../etc/passwd")).toBe(false);
    expect(isStableWorkloadId("WL_0123456789ABCDEF01234567")).toBe(false);
  });

  it("an incident has one only when its workload is in the inventory", () => {
    expect(incidentWorkloadId("prod", { workloadKey: "Deployment/payments/api", workloadKind: "Deployment", notInInventory: false })).toBe(
      stableWorkloadId("prod", "Deployment/payments/api"),
    );
    expect(incidentWorkloadId("prod", { workloadKey: "Pod/payments/x", workloadKind: "Pod", notInInventory: true })).toBeNull();
    expect(incidentWorkloadId("prod", { workloadKey: "User/alice", workloadKind: "User", notInInventory: false })).toBeNull();
    expect(incidentWorkloadId("prod", { workloadKey: "Node/n1", workloadKind: "Node", notInInventory: false })).toBeNull();
  });
});
