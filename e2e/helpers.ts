// Shared steps for the end-to-end specs.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "blast-radius-demo";
export const USERS = {
  admin: "admin@demo.blastradius.dev",
  analyst: "analyst@demo.blastradius.dev",
  manager: "manager@demo.blastradius.dev",
  developer: "dev@demo.blastradius.dev",
} as const;
export const BOOTSTRAP_TOKEN = "e2e-bootstrap-admin-token-0123456789";

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toContainText(email);
}

/** Signs in through next-auth's credentials endpoint, leaving the session cookie in `request`. */
export async function apiLogin(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  return res;
}
