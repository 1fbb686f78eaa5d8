import { describe, expect, it } from "vitest";
import { canSeeTeam, teamScope } from "./scope";

describe("teamScope", () => {
  it("does not narrow reads for analysts, managers and admins", () => {
    for (const role of ["admin", "analyst", "manager"] as const) expect(teamScope({ role, teamIds: ["t1"] })).toEqual({});
  });

  it("narrows developers to their own teams", () => {
    expect(teamScope({ role: "developer", teamIds: ["t1", "t2"] })).toEqual({ teamId: { in: ["t1", "t2"] } });
    expect(teamScope({ role: "developer", teamIds: ["t1"] }, "ownerTeamId")).toEqual({ ownerTeamId: { in: ["t1"] } });
  });

  it("gives a developer without a team an empty set, which matches nothing", () => {
    expect(teamScope({ role: "developer", teamIds: [] })).toEqual({ teamId: { in: [] } });
  });
});

describe("canSeeTeam", () => {
  it("hides other teams and unowned rows from developers only", () => {
    const dev = { role: "developer" as const, teamIds: ["t1"] };
    expect(canSeeTeam(dev, "t1")).toBe(true);
    expect(canSeeTeam(dev, "t2")).toBe(false);
    expect(canSeeTeam(dev, null)).toBe(false);
    expect(canSeeTeam({ role: "analyst", teamIds: [] }, null)).toBe(true);
  });
});
