import { expect, test } from "@playwright/test";
import { login, USERS, DEMO_PASSWORD } from "./helpers";

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Blast Radius" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/login.png" });
});

test("a wrong password is refused with a message, the right one signs in, and sign-out ends the session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(USERS.analyst);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail or password")).toBeVisible();

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/incidents/);
  const whoami = page.getByTestId("whoami");
  await expect(whoami).toContainText("Sam Analyst");
  await expect(whoami).toContainText("analyst");
  await page.screenshot({ path: "test-results/screens/incidents-empty.png" });

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  const me = await page.request.get("/api/v1/me");
  expect(me.status()).toBe(401);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login/);
});

test("the navigation shows each role only what it may open", async ({ page }) => {
  await login(page, USERS.developer);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Incidents" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(page.getByTestId("whoami")).toContainText("Payments");
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/forbidden/);
});

test("the bootstrap admin from the environment can sign in", async ({ page }) => {
  await login(page, "root@e2e.blastradius.dev", "e2e-root-password");
  await expect(page.getByTestId("whoami")).toContainText("admin");
});

test("a login link's callbackUrl cannot send the browser to another site", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const evil of ["/\\evil.example", "//evil.example", "/.//evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(evil)}`);
    await page.getByLabel("E-mail").fill(USERS.analyst);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("whoami")).toContainText(USERS.analyst);
    expect(new URL(page.url()).origin).toBe(origin);
    expect(new URL(page.url()).pathname).toBe("/incidents");
  }
});

test("sign out everywhere ends the user's sessions on other devices too", async ({ page, playwright, baseURL }) => {
  const phone = await playwright.request.newContext({ baseURL });
  const { apiLogin } = await import("./helpers");
  expect((await apiLogin(phone, USERS.manager)).status()).toBe(200);
  expect((await phone.get("/api/v1/me")).status()).toBe(200);
  await login(page, USERS.manager);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await phone.get("/api/v1/me")).status()).toBe(401);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await phone.dispose();
});
