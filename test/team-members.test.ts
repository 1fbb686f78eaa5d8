// Managers run their teams: add and remove members (a developer then sees the team's workloads,
// or stops seeing them), and map SSO groups to a team so its members join it at sign-in. Audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as team from "../app/api/v1/teams/[id]/route";
import * as members from "../app/api/v1/teams/[id]/members/route";
import * as member from "../app/api/v1/teams/[id]/members/[userId]/route";
import * as candidates from "../app/api/v1/teams/member-candidates/route";
import { signInWithOidc } from "../lib/auth/sign-in";
import { db } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";
import { apiRequest, makeTeam, makeToken, makeUser, noParams, params } from "./fixtures";

let manager: string;
let analyst: string;
beforeAll(async () => {
  manager = (await makeToken("manager")).secret;
  analyst = (await makeToken("analyst")).secret;
  process.env.OIDC_TEAM_PREFIX = "team-";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.OIDC_TEAM_PREFIX;
  resetEnvCache();
});

describe("team members", () => {
  it("a manager adds and removes a member, each change audited, and may list whom to add", async () => {
    const t = await makeTeam();
    const dev = await makeUser("developer");
    const add = await members.POST(apiRequest(`/api/v1/teams/${t.id}/members`, { method: "POST", token: manager, body: { userId: dev.id } }), params({ id: t.id }));
    expect(add.status).toBe(200);
    expect((await add.json()).memberships.map((m: { user: { id: string } }) => m.user.id)).toEqual([dev.id]);
    expect(await db().membership.count({ where: { teamId: t.id, userId: dev.id } })).toBe(1);

    const list = await candidates.GET(apiRequest("/api/v1/teams/member-candidates", { token: manager }), noParams);
    expect((await list.json()).items.some((u: { id: string }) => u.id === dev.id)).toBe(true);

    const del = await member.DELETE(apiRequest(`/api/v1/teams/${t.id}/members/${dev.id}`, { method: "DELETE", token: manager }), params({ id: t.id, userId: dev.id }));
    expect(del.status).toBe(200);
    expect(await db().membership.count({ where: { teamId: t.id, userId: dev.id } })).toBe(0);
    const again = await member.DELETE(apiRequest(`/api/v1/teams/${t.id}/members/${dev.id}`, { method: "DELETE", token: manager }), params({ id: t.id, userId: dev.id }));
    expect(again.status).toBe(404);
    const audit = await db().auditLog.findMany({ where: { targetType: "team", targetId: t.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["team.member_add", "team.member_remove"]);
  });

  it("refuses an unknown user, and roles that do not manage ownership", async () => {
    const t = await makeTeam();
    const unknown = await members.POST(apiRequest(`/api/v1/teams/${t.id}/members`, { method: "POST", token: manager, body: { userId: "nobody" } }), params({ id: t.id }));
    expect(unknown.status).toBe(404);
    const dev = await makeUser("developer");
    const refused = await members.POST(apiRequest(`/api/v1/teams/${t.id}/members`, { method: "POST", token: analyst, body: { userId: dev.id } }), params({ id: t.id }));
    expect(refused.status).toBe(403);
    expect((await candidates.GET(apiRequest("/api/v1/teams/member-candidates", { token: analyst }), noParams)).status).toBe(403);
  });
});

describe("SSO groups mapped to a team", () => {
  it("puts members of a mapped group in the team at sign-in, beside the prefixed group names", async () => {
    const mapped = await makeTeam();
    const named = await makeTeam();
    const set = await team.PATCH(apiRequest(`/api/v1/teams/${mapped.id}`, { method: "PATCH", token: manager, body: { oidcGroups: ["eng-payments", "eng-payments"] } }), params({ id: mapped.id }));
    expect(set.status).toBe(200);
    expect((await set.json()).oidcGroups).toEqual(["eng-payments"]);
    const who = await signInWithOidc({
      issuer: "https://idp.test.example",
      subject: `sub-${Date.now()}`,
      email: `sso-${Date.now()}@idp.test.example`,
      emailVerified: true,
      name: "Sso Dev",
      groups: ["eng-payments", `team-${named.name}`, "unrelated"],
    });
    if ("refused" in who) throw new Error(who.refused);
    const teams = await db().membership.findMany({ where: { userId: who.id }, select: { teamId: true } });
    expect(new Set(teams.map((m) => m.teamId))).toEqual(new Set([mapped.id, named.id]));
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetType: "team", targetId: mapped.id, action: "team.update" } });
    expect(audit.details).toMatchObject({ oidcGroups: { from: [], to: ["eng-payments"] } });
  });

  it("names a bad body", async () => {
    const t = await makeTeam();
    const bad = await team.PATCH(apiRequest(`/api/v1/teams/${t.id}`, { method: "PATCH", token: manager, body: {} }), params({ id: t.id }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("displayName, oidcGroups or slaHours");
  });
});
