import { describe, expect, it } from "vitest";
import { inventoryMode } from "./source-health";

const now = new Date("2026-12-02T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("live or periodic inventory, and its lag", () => {
  it("periodic: full uploads, no recent change", () => {
    expect(inventoryMode({ live: false, lastChangeAt: null, pendingChanges: 0, oldestPendingAt: null, snapshotAt: ago(3600), snapshotChangeAt: null }, now)).toEqual({ mode: "periodic", lagSeconds: null });
    // a change long ago does not make it live
    expect(inventoryMode({ live: false, lastChangeAt: ago(7200), pendingChanges: 0, oldestPendingAt: null, snapshotAt: ago(3600), snapshotChangeAt: null }, now).mode).toBe("periodic");
  });

  it("live, all applied: the lag is how long the newest change took to reach the stored snapshot", () => {
    expect(inventoryMode({ live: true, lastChangeAt: ago(10), pendingChanges: 0, oldestPendingAt: null, snapshotAt: ago(7.5), snapshotChangeAt: ago(10) }, now)).toEqual({ mode: "live", lagSeconds: 2.5 });
  });

  it("live with changes waiting: the lag is how long the oldest has waited", () => {
    expect(inventoryMode({ live: true, lastChangeAt: ago(1), pendingChanges: 400, oldestPendingAt: ago(42), snapshotAt: ago(50), snapshotChangeAt: ago(55) }, now)).toEqual({ mode: "live", lagSeconds: 42 });
    // a full upload after which changes arrive again is live too
    expect(inventoryMode({ live: false, lastChangeAt: ago(3), pendingChanges: 1, oldestPendingAt: ago(3), snapshotAt: ago(600), snapshotChangeAt: null }, now)).toEqual({ mode: "live", lagSeconds: 3 });
  });
});
