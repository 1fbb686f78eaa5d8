// Every role × every admin route, through real route handlers on a real PostgreSQL,
// authenticated with API tokens of each role (sessions are covered by e2e/admin-access).
import { beforeAll, describe, expect, it } from "vitest";
import * as users from "../app/api/v1/users/route";
import * as user from "../app/api/v1/users/[id]/route";
import * as teams from "../app/api/v1/teams/route";
import * as team from "../app/api/v1/teams/[id]/route";
import * as tokens from "../app/api/v1/tokens/route";
import * as token from "../app/api/v1/tokens/[id]/route";
import * as audit from "../app/api/v1/audit/route";
import * as sources from "../app/api/v1/sources/route";
import { apiRequest, makeTeam, makeToken, makeUser, noParams, params } from "./fixtures";
import type { TTokenRole } from "../lib/auth/permissions";

type Call = (secret: string | undefined) => Promise<Response>;
const ROLES: TTokenRole[] = ["admin", "analyst", "manager", "developer", "ingest"];
const secrets: Partial<Record<TTokenRole, string>> = {};
let targetUserId = "";
let targetTokenId = "";
let teamId = "";

beforeAll(async () => {
  const t = await makeTeam();
  teamId = t.id;
  for (const role of ROLES) secrets[role] = (await makeToken(role, { teamIds: role === "developer" ? [teamId] : [] })).secret;
  targetUserId = (await makeUser("developer", [teamId])).id;
  targetTokenId = (await makeToken("ingest")).row.id;
});

const unique = () => Math.random().toString(36).slice(2, 10);

const ROUTES: { name: string; allowed: TTokenRole[]; call: Call }[] = [
  { name: "GET /users", allowed: ["admin"], call: (s) => users.GET(apiRequest("/api/v1/users", { token: s }), noParams) },
  {
    name: "POST /users",
    allowed: ["admin"],
    call: (s) =>
      users.POST(
        apiRequest("/api/v1/users", {
          method: "POST",
          token: s,
          body: { email: `u-${unique()}@test.example`, name: "New", role: "developer", password: "correct horse battery", teamIds: [teamId] },
        }),
        noParams,
      ),
  },
  { name: "GET /users/{id}", allowed: ["admin"], call: (s) => user.GET(apiRequest(`/api/v1/users/${targetUserId}`, { token: s }), params({ id: targetUserId })) },
  {
    name: "PATCH /users/{id}",
    allowed: ["admin"],
    call: (s) => user.PATCH(apiRequest(`/api/v1/users/${targetUserId}`, { method: "PATCH", token: s, body: { name: `Renamed ${unique()}` } }), params({ id: targetUserId })),
  },
  { name: "GET /teams", allowed: ["admin", "manager"], call: (s) => teams.GET(apiRequest("/api/v1/teams", { token: s }), noParams) },
  {
    name: "POST /teams",
    allowed: ["admin", "manager"],
    call: (s) => teams.POST(apiRequest("/api/v1/teams", { method: "POST", token: s, body: { name: `t-${unique()}` } }), noParams),
  },
  {
    name: "PATCH /teams/{id}",
    allowed: ["admin", "manager"],
    call: (s) => team.PATCH(apiRequest(`/api/v1/teams/${teamId}`, { method: "PATCH", token: s, body: { displayName: `T ${unique()}` } }), params({ id: teamId })),
  },
  {
    name: "DELETE /teams/{id}",
    allowed: ["admin", "manager"],
    call: async (s) => {
      const victim = await makeTeam();
      return team.DELETE(apiRequest(`/api/v1/teams/${victim.id}`, { method: "DELETE", token: s }), params({ id: victim.id }));
    },
  },
  { name: "GET /tokens", allowed: ["admin"], call: (s) => tokens.GET(apiRequest("/api/v1/tokens", { token: s }), noParams) },
  {
    name: "POST /tokens",
    allowed: ["admin"],
    call: (s) => tokens.POST(apiRequest("/api/v1/tokens", { method: "POST", token: s, body: { name: "sensor", role: "ingest" } }), noParams),
  },
  {
    name: "DELETE /tokens/{id}",
    allowed: ["admin"],
    call: (s) => token.DELETE(apiRequest(`/api/v1/tokens/${targetTokenId}`, { method: "DELETE", token: s }), params({ id: targetTokenId })),
  },
  { name: "GET /audit", allowed: ["admin"], call: (s) => audit.GET(apiRequest("/api/v1/audit", { token: s }), noParams) },
  { name: "GET /sources", allowed: ["admin"], call: (s) => sources.GET(apiRequest("/api/v1/sources", { token: s }), noParams) },
];

describe.each(ROUTES)("$name", ({ allowed, call }) => {
  it("answers 401 without credentials", async () => {
    const res = await call(undefined);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("answers 401 for an unknown token", async () => {
    expect((await call("br_not-a-real-token")).status).toBe(401);
  });

  for (const role of ROLES) {
    const ok = allowed.includes(role);
    it(`${ok ? "lets" : "refuses (403)"} ${role}`, async () => {
      const res = await call(secrets[role]);
      if (ok) expect(res.status, await res.clone().text()).toBeLessThan(300);
      else {
        expect(res.status).toBe(403);
        expect((await res.json()).error.code).toBe("forbidden");
      }
    });
  }
});
