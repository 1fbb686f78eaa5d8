import { describe, expect, it } from "vitest";
import { correlate } from "./correlate";

const at = (min: number) => ({ time: new Date(Date.UTC(2026, 10, 27, 10, min)) });
const WINDOW = 30 * 60_000;

describe("correlate", () => {
  it("joins alerts within the window of the incident's last alert, the window moving with it", () => {
    const groups = correlate([at(0), at(25), at(50), at(79)], null, WINDOW);
    expect(groups).toHaveLength(1);
    expect(groups[0].lastSeen).toEqual(at(79).time);
  });

  it("opens a new incident after a gap longer than the window", () => {
    const groups = correlate([at(0), at(31)], null, WINDOW);
    expect(groups.map((g) => g.alerts.length)).toEqual([1, 1]);
    expect(groups.every((g) => g.incidentId === null)).toBe(true);
  });

  it("joins the open incident when close to its last alert, and not when far", () => {
    const open = { id: "inc-1", firstSeen: at(0).time, lastSeen: at(10).time };
    const groups = correlate([at(35), at(100)], open, WINDOW);
    expect(groups[0]).toMatchObject({ incidentId: "inc-1", lastSeen: at(35).time });
    expect(groups[1]).toMatchObject({ incidentId: null });
  });

  it("takes alerts in time order whatever order they arrive in", () => {
    const groups = correlate([at(50), at(0), at(25)], null, WINDOW);
    expect(groups).toHaveLength(1);
    expect(groups[0].firstSeen).toEqual(at(0).time);
  });
});
