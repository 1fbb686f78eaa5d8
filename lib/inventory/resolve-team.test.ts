import { describe, expect, it } from "vitest";
import { resolveTeam } from "./resolve-team";
import type { TTeamDoc } from "./types";

const teams: TTeamDoc[] = [
  { name: "platform", namespaces: ["kube-system", "monitoring"], selectors: ["tier=infra"] },
  { name: "payments", namespaces: ["payments"], selectors: ["team=payments", "app.kubernetes.io/part-of=checkout"] },
  { name: "checkout", namespaces: [], selectors: ["app.kubernetes.io/part-of=checkout"] },
];
const inv = { teams };

describe("resolveTeam", () => {
  it("matches by namespace", () => {
    expect(resolveTeam(inv, { namespace: "payments", labels: {} })).toBe("payments");
    expect(resolveTeam(inv, { namespace: "monitoring" })).toBe("platform");
  });

  it("matches by a key=value selector on the labels", () => {
    expect(resolveTeam(inv, { namespace: "default", labels: { team: "payments" } })).toBe("payments");
    expect(resolveTeam(inv, { namespace: "default", labels: { team: "other" } })).toBeNull();
  });

  it("takes the first team by name when several match", () => {
    // checkout < payments < platform
    expect(resolveTeam(inv, { namespace: "payments", labels: { "app.kubernetes.io/part-of": "checkout" } })).toBe("checkout");
    expect(resolveTeam(inv, { namespace: "kube-system", labels: { team: "payments" } })).toBe("payments");
  });

  it("is null for an unowned workload and for an inventory without teams", () => {
    expect(resolveTeam(inv, { namespace: "default", labels: { app: "x" } })).toBeNull();
    expect(resolveTeam({ teams: [] }, { namespace: "payments" })).toBeNull();
  });

  it("does not match label keys from the object prototype", () => {
    expect(resolveTeam({ teams: [{ name: "t", namespaces: [], selectors: ["constructor="] }] }, { namespace: "x", labels: {} })).toBeNull();
  });
});
