// Sign-in limits with their state in PostgreSQL: per e-mail and address, per address, and a
// per-account delay that no change of address escapes; bodies capped before parsing; the client
// address taken from our server's stamp, never from a header the client sets. (The whole flow
// through next-auth, forged X-Forwarded-For and the audit entries are in e2e/security.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as authRoute from "../app/api/auth/[...nextauth]/route";
import { accountDelaySeconds, loginAttempt, loginFailed, loginSucceeded } from "../lib/auth/login-limiter";
import { clientIp } from "../lib/api/handler";
import { CLIENT_IP_HEADER, CLIENT_IP_SECRET_HEADER } from "../lib/net/app-server";
import { db } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";

const SECRET = "test-client-ip-secret";
beforeAll(() => {
  process.env.BR_CLIENT_IP_SECRET = SECRET;
  process.env.LOGIN_RATE_LIMIT = "4";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.BR_CLIENT_IP_SECRET;
  delete process.env.LOGIN_RATE_LIMIT;
  resetEnvCache();
});

const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
function signIn(email: string, headers: Record<string, string> = {}, body?: string) {
  return authRoute.POST(
    new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: body ?? new URLSearchParams({ email, password: "wrong-password-123", csrfToken: "x", json: "true" }).toString(),
    }),
    ctx,
  );
}

describe("the client address", () => {
  it("is believed only from our server's stamp, never from X-Forwarded-For or a forged stamp", () => {
    const req = (headers: Record<string, string>) => new NextRequest("http://localhost:3000/x", { headers });
    expect(clientIp(req({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" }))).toBeNull();
    expect(clientIp(req({ [CLIENT_IP_HEADER]: "1.2.3.4", [CLIENT_IP_SECRET_HEADER]: "guess" }))).toBeNull();
    expect(clientIp(req({ [CLIENT_IP_HEADER]: "1.2.3.4", [CLIENT_IP_SECRET_HEADER]: SECRET }))).toBe("1.2.3.4");
  });

});

describe("sign-in limits", () => {
  it("refuses a body over 8 KB before reading it as a form", async () => {
    const res = await signIn("x@test.example", {}, `email=a&pad=${"x".repeat(9000)}`);
    expect(res.status).toBe(413);
  });

  it("delays an account exponentially after 3 failures, whatever the address, capped at 30 s", async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(accountDelaySeconds)).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 30, 30]);
    const email = `delay-${Date.now()}@test.example`;
    for (let i = 0; i < 3; i++) await loginFailed(email);
    expect(await loginAttempt(email, "198.51.100.1")).toEqual({ wait: 0, reason: null });
    await loginFailed(email); // 4th: the next attempt waits 1 s
    const from = await loginAttempt(email, "203.0.113.77"); // another address entirely
    expect(from).toEqual({ wait: 1, reason: "account" });
    // the state is in PostgreSQL, shared by every replica
    const row = await db().loginAccountDelay.findUniqueOrThrow({ where: { account: email } });
    expect(row.failures).toBe(4);
    // never a lockout: after the wait, an attempt goes ahead, and success clears the failures
    await new Promise((r) => setTimeout(r, 1100));
    expect(await loginAttempt(email, "203.0.113.77")).toEqual({ wait: 0, reason: null });
    await loginSucceeded(email, "203.0.113.77");
    expect(await db().loginAccountDelay.findUnique({ where: { account: email } })).toBeNull();
  });

  it("limits an e-mail from one address, and one address across e-mails (×10)", async () => {
    const email = `pair-${Date.now()}@test.example`;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) waits.push((await loginAttempt(email, "192.0.2.50")).wait);
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits[4]).toBeGreaterThan(0); // LOGIN_RATE_LIMIT = 4
    expect((await loginAttempt(email, "192.0.2.51")).wait).toBe(0); // same e-mail, another address
    const spray: number[] = [];
    for (let i = 0; i < 41; i++) spray.push((await loginAttempt(`spray-${i}-${Date.now()}@test.example`, "192.0.2.60")).wait);
    expect(spray.slice(0, 40).every((w) => w === 0)).toBe(true);
    expect(spray[40]).toBeGreaterThan(0);
  });

  it("keeps the throttle table bounded: windows past their end are swept", async () => {
    await db().loginThrottle.create({ data: { key: `pair:stale-${Date.now()}|x`, windowStart: new Date(Date.now() - 86_400_000), count: 3 } });
    await loginAttempt(`sweeper-${Date.now()}@test.example`, "192.0.2.9");
    expect(await db().loginThrottle.count({ where: { windowStart: { lt: new Date(Date.now() - 3_600_000) } } })).toBe(0);
  });
});
