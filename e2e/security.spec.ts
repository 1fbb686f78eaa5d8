import { expect, test } from "@playwright/test";
import { apiLogin, BOOTSTRAP_TOKEN } from "./helpers";

test("pages carry a nonce CSP, and every script Next.js injects carries that nonce", async ({ page }) => {
  const response = await page.goto("/login");
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const second = await page.request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);

  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  expect(response!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // The page hydrated under that policy: the form is interactive.
  await page.getByLabel("E-mail").fill("x@y.z");
  await expect(page.getByLabel("E-mail")).toHaveValue("x@y.z");
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await apiLogin(request, "manager@demo.blastradius.dev");
  const cookies = (await request.storageState()).cookies;
  const session = cookies.find((c) => c.name === "next-auth.session-token")!;
  expect(session).toBeTruthy();
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");
  await request.dispose();
});

test("repeated failed logins are rate limited with 429 and Retry-After", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const statuses: number[] = [];
  const urls: string[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await apiLogin(request, "brute@force.example", `guess-${i}`);
    statuses.push(res.status());
    urls.push(String((await res.json().catch(() => ({}))).url ?? ""));
  }
  // The limit (LOGIN_RATE_LIMIT=5 here) lets five failures through, each reported as a failure.
  expect(statuses.slice(0, 5)).not.toContain(429);
  for (const url of urls.slice(0, 5)) expect(url).toContain("error=CredentialsSignin");
  expect(statuses[5]).toBe(429);
  const limited = await apiLogin(request, "brute@force.example", "guess-x");
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // Another account from the same client is not locked out by it.
  expect((await apiLogin(request, "analyst@demo.blastradius.dev")).status()).toBe(200);
  await request.dispose();
});

test("the bootstrap admin token authenticates as admin; a wrong token is 401", async ({ request }) => {
  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${BOOTSTRAP_TOKEN}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: "token", role: "admin" });
  const bad = await request.get("/api/v1/me", { headers: { authorization: "Bearer br_wrong" } });
  expect(bad.status()).toBe(401);
  expect((await bad.json()).error.code).toBe("unauthorized");
});

test("health answers 200 with the database up", async ({ request }) => {
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ database: "up" });
});
