// Single sign-on against a real OpenID Connect provider started for the tests (e2e/oidc-issuer.mjs):
// identities link by (issuer, subject), an unverified e-mail is refused, and an IdP account with a
// password user's e-mail cannot take that account over.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_AUTH, DEMO_PASSWORD, login, USERS } from "./helpers";

async function ssoAs(page: Page, who: string) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with Test IdP" }).click();
  await expect(page.getByRole("heading", { name: "Choose an identity" })).toBeVisible();
  await page.getByRole("link", { name: who, exact: true }).click();
}

test("a verified identity signs in with the role and teams its groups give, and is linked by its subject", async ({ page, request }) => {
  await ssoAs(page, "soc-analyst");
  await expect(page.getByTestId("whoami")).toContainText("oidc.analyst@idp.example");
  await expect(page.getByTestId("whoami")).toContainText("analyst");
  const me = await (await page.request.get("/api/v1/me")).json();
  expect(me).toMatchObject({ kind: "user", role: "analyst" });
  const users = await (await request.get("/api/v1/users", { headers: ADMIN_AUTH })).json();
  const row = users.items.find((u: { email: string }) => u.email === "oidc.analyst@idp.example");
  expect(row).toBeTruthy();
  // signing in again finds the same user (by issuer and subject), not a second one
  await ssoAs(page, "soc-analyst");
  await expect(page.getByTestId("whoami")).toContainText("oidc.analyst@idp.example");
  const again = await (await request.get("/api/v1/users", { headers: ADMIN_AUTH })).json();
  expect(again.items.filter((u: { email: string }) => u.email === "oidc.analyst@idp.example")).toHaveLength(1);
});

test("an identity whose e-mail is not verified is refused, and the refusal is audited", async ({ page, request }) => {
  await ssoAs(page, "unverified");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("has not verified your e-mail address")).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  const audit = await (await request.get(`/api/v1/audit?targetType=account&targetId=${encodeURIComponent("unverified@idp.example")}`, { headers: ADMIN_AUTH })).json();
  expect(audit.items.map((a: { action: string }) => a.action)).toContain("auth.oidc_refused");
});

test("an IdP account with a password user's e-mail cannot take that account over", async ({ page }) => {
  await ssoAs(page, "squatter");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("belongs to an account that signs in with a password")).toBeVisible();
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "test-results/screens/login-oidc-refused.png" });
  // the real owner still signs in with their password, and is still an analyst (not the squatter's admin)
  await login(page, USERS.analyst, DEMO_PASSWORD);
  expect(await (await page.request.get("/api/v1/me")).json()).toMatchObject({ role: "analyst" });
});
