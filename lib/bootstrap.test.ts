import { afterEach, describe, expect, it } from "vitest";
import { applyBootstrapAdmin } from "./bootstrap";
import { resetEnvCache } from "./env";
import { actorFromToken } from "./auth/resolve-actor";
import { signInWithPassword } from "./auth/sign-in";
import { db } from "./db/client";
import { hashTokenSecret } from "./auth/token-secret";

afterEach(() => {
  delete process.env.BOOTSTRAP_ADMIN_TOKEN;
  delete process.env.BOOTSTRAP_ADMIN_EMAIL;
  delete process.env.BOOTSTRAP_ADMIN_PASSWORD;
  resetEnvCache();
});

describe("bootstrap admin", () => {
  it("creates an admin token with the given value, and revives it when revoked", async () => {
    const secret = `bootstrap-${Date.now()}-0123456789abcdef`;
    process.env.BOOTSTRAP_ADMIN_TOKEN = secret;
    resetEnvCache();
    expect(await applyBootstrapAdmin()).toEqual(["bootstrap admin token created"]);
    expect(await actorFromToken(secret)).toMatchObject({ kind: "token", role: "admin" });
    await db().apiToken.update({ where: { hash: hashTokenSecret(secret) }, data: { revokedAt: new Date(), role: "ingest" } });
    expect(await actorFromToken(secret)).toBeNull();
    expect(await applyBootstrapAdmin()).toEqual(["bootstrap admin token refreshed"]);
    expect(await actorFromToken(secret)).toMatchObject({ role: "admin" });
    expect(await db().apiToken.count({ where: { hash: hashTokenSecret(secret) } })).toBe(1);
  });

  it("refuses a short bootstrap token", async () => {
    process.env.BOOTSTRAP_ADMIN_TOKEN = "short-token";
    resetEnvCache();
    await expect(applyBootstrapAdmin()).rejects.toThrow(/at least 24/);
  });

  it("creates or refreshes an admin user who signs in with the given password", async () => {
    const email = `boot-${Date.now()}@test.example`;
    process.env.BOOTSTRAP_ADMIN_EMAIL = email;
    process.env.BOOTSTRAP_ADMIN_PASSWORD = "first-password-123";
    resetEnvCache();
    await applyBootstrapAdmin();
    await db().user.update({ where: { email }, data: { role: "developer", disabled: true } });
    process.env.BOOTSTRAP_ADMIN_PASSWORD = "second-password-456";
    resetEnvCache();
    await applyBootstrapAdmin();
    const row = await db().user.findUniqueOrThrow({ where: { email } });
    expect(row).toMatchObject({ role: "admin", disabled: false });
    expect(await signInWithPassword(email, "first-password-123")).toBeNull();
    expect(await signInWithPassword(email, "second-password-456")).toMatchObject({ email });
  });
});
