// An admin manages teams, users and tokens through the settings pages; every change is
// audited and takes effect on the next request.
import { expect, test } from "@playwright/test";
import { apiLogin, login, USERS } from "./helpers";

const uniq = () => Math.random().toString(36).slice(2, 8);

test("admin creates a team and a user on it; the new user signs in and sees the team", async ({ page, browser }) => {
  const team = `sre-${uniq()}`;
  await login(page, USERS.admin);
  await page.goto("/settings/teams");
  await page.getByLabel("Name (slug)").fill(team);
  await page.getByLabel("Display name").fill(`SRE ${team}`);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByTestId(`team-${team}`)).toBeVisible();
  await page.screenshot({ path: "test-results/screens/settings-teams.png" });

  await page.goto("/settings/users");
  await page.getByRole("button", { name: "New user" }).click();
  const email = `new-${uniq()}@e2e.example`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Nia New");
  await page.getByLabel("Role", { exact: true }).selectOption("developer");
  await page.getByLabel("Initial password").fill("a brand new password");
  await page.getByLabel(`SRE ${team}`).check();
  await page.getByRole("button", { name: "Create user" }).click();
  const row = page.getByTestId(`user-${email}`);
  await expect(row).toContainText(`SRE ${team}`);
  await page.screenshot({ path: "test-results/screens/settings-users.png", fullPage: true });

  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await login(other, email, "a brand new password");
  await expect(other.getByTestId("whoami")).toContainText(`SRE ${team}`);
  await ctx.close();
});

test("disabling a user ends their access on the next request, and the audit log records who did it", async ({ page, playwright, baseURL }) => {
  await login(page, USERS.admin);
  const victim = await playwright.request.newContext({ baseURL });
  expect((await apiLogin(victim, "platform-dev@demo.blastradius.dev")).status()).toBe(200);
  expect((await victim.get("/api/v1/me")).status()).toBe(200);

  await page.goto("/settings/users");
  const row = page.getByTestId("user-platform-dev@demo.blastradius.dev");
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");
  expect((await victim.get("/api/v1/me")).status()).toBe(401);

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toContainText("active");
  // enabling again does not bring the old session back: the user signs in anew
  expect((await victim.get("/api/v1/me")).status()).toBe(401);
  expect((await apiLogin(victim, "platform-dev@demo.blastradius.dev")).status()).toBe(200);
  expect((await victim.get("/api/v1/me")).status()).toBe(200);

  await page.goto("/settings/audit");
  const table = page.getByRole("table", { name: "Audit log" });
  await expect(table).toContainText("user.update");
  await expect(table).toContainText(USERS.admin);
  await page.screenshot({ path: "test-results/screens/settings-audit.png" });
  await victim.dispose();
});

test("an API token is shown once, works with its role, and stops working when revoked", async ({ page, request }) => {
  const name = `falco-${uniq()}`;
  await login(page, USERS.admin);
  await page.goto("/settings/tokens");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption("analyst");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
  expect(secret).toMatch(/^br_[A-Za-z0-9_-]{40,}$/);
  await page.screenshot({ path: "test-results/screens/settings-tokens.png", fullPage: true });

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(await me.json()).toMatchObject({ kind: "token", role: "analyst" });
  const forbidden = await request.get("/api/v1/users", { headers: { authorization: `Bearer ${secret}` } });
  expect(forbidden.status()).toBe(403);

  await page.reload();
  const row = page.getByTestId(`token-${name}`);
  await expect(row).toContainText(secret.slice(0, 9));
  await expect(row).not.toContainText(secret);
  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
});

test("a sensor token made in the form posts alerts for its cluster only", async ({ page, request }) => {
  const name = `falco-scoped-${uniq()}`;
  await login(page, USERS.admin);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/settings/tokens");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue("ingest");
  await page.getByLabel("Clusters").fill("e2e-scoped");
  await page.getByLabel("inventories (collector)").uncheck();
  await page.screenshot({ path: "test-results/screens/settings-token-scoped.png" });
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())!.trim();
  await expect(page.getByTestId(`token-${name}`)).toContainText("alerts only for e2e-scoped");

  const auth = { authorization: `Bearer ${secret}` };
  const event = { output: "x", priority: "Notice", rule: "Terminal shell in container", time: new Date().toISOString(), source: "syscall", hostname: "h", output_fields: {} };
  expect((await request.post("/api/v1/alerts/falco?cluster=e2e-scoped", { headers: auth, data: [event] })).status()).toBe(202);
  const other = await request.post("/api/v1/alerts/falco?cluster=e2e-elsewhere", { headers: auth, data: [event] });
  expect(other.status()).toBe(403);
  expect((await request.post("/api/v1/inventory?cluster=e2e-scoped", { headers: auth, data: { kind: "List", items: [] } })).status()).toBe(403);
});
