// Every human role, signed in with a real session, against every admin route.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiLogin, BOOTSTRAP_TOKEN, USERS } from "./helpers";

type Role = keyof typeof USERS;
const auth = { authorization: `Bearer ${BOOTSTRAP_TOKEN}` };
const uniq = () => Math.random().toString(36).slice(2, 9);

interface Targets {
  userId: string;
  teamId: string;
  /** a context holding the bootstrap token, to prepare victims for DELETE */
  admin: APIRequestContext;
}

const ROUTES: { name: string; allowed: Role[]; call: (r: APIRequestContext, t: Targets) => Promise<number> }[] = [
  { name: "GET /users", allowed: ["admin"], call: async (r) => (await r.get("/api/v1/users")).status() },
  {
    name: "POST /users",
    allowed: ["admin"],
    call: async (r) =>
      (await r.post("/api/v1/users", { data: { email: `e2e-${uniq()}@t.example`, name: "E2E", role: "developer", password: "long enough password" } })).status(),
  },
  { name: "GET /users/{id}", allowed: ["admin"], call: async (r, t) => (await r.get(`/api/v1/users/${t.userId}`)).status() },
  { name: "PATCH /users/{id}", allowed: ["admin"], call: async (r, t) => (await r.patch(`/api/v1/users/${t.userId}`, { data: { name: `N ${uniq()}` } })).status() },
  { name: "GET /teams", allowed: ["admin", "manager"], call: async (r) => (await r.get("/api/v1/teams")).status() },
  { name: "POST /teams", allowed: ["admin", "manager"], call: async (r) => (await r.post("/api/v1/teams", { data: { name: `t-${uniq()}` } })).status() },
  { name: "PATCH /teams/{id}", allowed: ["admin", "manager"], call: async (r, t) => (await r.patch(`/api/v1/teams/${t.teamId}`, { data: { displayName: `T ${uniq()}` } })).status() },
  {
    name: "DELETE /teams/{id}",
    allowed: ["admin", "manager"],
    call: async (r, t) => {
      const victim = await (await t.admin.post("/api/v1/teams", { data: { name: `del-${uniq()}` }, headers: auth })).json();
      return (await r.delete(`/api/v1/teams/${victim.id}`)).status();
    },
  },
  { name: "GET /tokens", allowed: ["admin"], call: async (r) => (await r.get("/api/v1/tokens")).status() },
  { name: "POST /tokens", allowed: ["admin"], call: async (r) => (await r.post("/api/v1/tokens", { data: { name: "s", role: "ingest" } })).status() },
  {
    name: "DELETE /tokens/{id}",
    allowed: ["admin"],
    call: async (r, t) => {
      const tok = await (await t.admin.post("/api/v1/tokens", { data: { name: `v-${uniq()}`, role: "ingest" }, headers: auth })).json();
      return (await r.delete(`/api/v1/tokens/${tok.id}`)).status();
    },
  },
  { name: "GET /audit", allowed: ["admin"], call: async (r) => (await r.get("/api/v1/audit")).status() },
];

test("every role × every admin route answers as the role table says", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  const users = await (await admin.get("/api/v1/users", { headers: auth })).json();
  const teams = await (await admin.get("/api/v1/teams", { headers: auth })).json();
  const targets: Targets = {
    userId: users.items.find((u: { email: string }) => u.email === "platform-dev@demo.blastradius.dev").id,
    teamId: teams.items.find((t: { name: string }) => t.name === "data").id,
    admin,
  };
  const anonymous = await playwright.request.newContext({ baseURL });
  const results: string[] = [];
  for (const role of Object.keys(USERS) as Role[]) {
    const ctx = await playwright.request.newContext({ baseURL });
    expect((await apiLogin(ctx, USERS[role])).status()).toBe(200);
    for (const route of ROUTES) {
      const status = await route.call(ctx, targets);
      const expected = route.allowed.includes(role) ? "2xx" : "403";
      const got = status >= 200 && status < 300 ? "2xx" : String(status);
      results.push(`${role} ${route.name}: ${got}${got === expected ? "" : ` (expected ${expected})`}`);
    }
    await ctx.dispose();
  }
  for (const route of ROUTES) {
    const status = await route.call(anonymous, targets);
    results.push(`anonymous ${route.name}: ${status}${status === 401 ? "" : " (expected 401)"}`);
  }
  expect(results.filter((r) => r.includes("expected"))).toEqual([]);
  await Promise.all([admin.dispose(), anonymous.dispose()]);
});

test("a session cannot be used from another site", async ({ playwright, baseURL }) => {
  const ctx = await playwright.request.newContext({ baseURL });
  await apiLogin(ctx, USERS.admin);
  const res = await ctx.post("/api/v1/teams", { data: { name: `x-${uniq()}` }, headers: { origin: "https://evil.example" } });
  expect(res.status()).toBe(403);
  await ctx.dispose();
});
