import { describe, expect, it } from "vitest";
import { groupsFromClaim, mapOidcGroups, parseRoleGroups } from "./oidc-mapping";

describe("OIDC group mapping", () => {
  const spec = "admin=sec-admins,analyst=soc;soc-l2,manager=sec-leads";

  it("gives the strongest role among the user's groups", () => {
    expect(mapOidcGroups(["soc-l2", "sec-leads"], spec, "team-").role).toBe("analyst");
    expect(mapOidcGroups(["sec-leads", "sec-admins"], spec, "team-").role).toBe("admin");
  });

  it("defaults to developer and maps prefixed groups to teams", () => {
    expect(mapOidcGroups(["team-payments", "team-data", "everyone"], spec, "team-")).toEqual({
      role: "developer",
      teamNames: ["data", "payments"],
    });
  });

  it("reads array and string claims, ignoring other types", () => {
    expect(groupsFromClaim(["a", 1, "b"])).toEqual(["a", "b"]);
    expect(groupsFromClaim("a, b c")).toEqual(["a", "b", "c"]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
  });

  it("rejects a malformed role spec, naming the part", () => {
    expect(() => parseRoleGroups("root=wheel")).toThrow(/root=wheel/);
  });
});
