import { describe, expect, it } from "vitest";
import { ALL_TEAMS, scopeOf } from "./scope";

describe("scopeOf", () => {
  it("reads every team for analysts, managers and admins", () => {
    for (const role of ["admin", "analyst", "manager"] as const) expect(scopeOf({ role, teamIds: ["t1"] })).toBe(ALL_TEAMS);
  });

  it("narrows developers to their own teams, and a developer without a team to nothing", () => {
    expect(scopeOf({ role: "developer", teamIds: ["t1", "t2"] })).toEqual({ all: false, teamIds: ["t1", "t2"] });
    expect(scopeOf({ role: "developer", teamIds: [] })).toEqual({ all: false, teamIds: [] });
  });
});
