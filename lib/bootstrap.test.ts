import { afterEach, describe, expect, it } from "vitest";
import { applyBootstrapAdmin } from "./bootstrap";
import { env, resetEnvCache } from "./env";
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
  it("creates an admin token with the given value once, and never revives it when an admin revoked it", async () => {
    const secret = `bootstrap-${Date.now()}-0123456789abcdef`;
    process.env.BOOTSTRAP_ADMIN_TOKEN = secret;
    resetEnvCache();
    expect(await applyBootstrapAdmin()).toEqual(["bootstrap admin token created"]);
    expect(await actorFromToken(secret)).toMatchObject({ kind: "token", role: "admin" });
    await db().apiToken.update({ where: { hash: hashTokenSecret(secret) }, data: { revokedAt: new Date() } });
    expect(await actorFromToken(secret)).toBeNull();
    expect(await applyBootstrapAdmin()).toEqual(["bootstrap admin token unchanged"]);
    expect(await actorFromToken(secret)).toBeNull(); // still revoked after a restart
    expect(await db().apiToken.count({ where: { hash: hashTokenSecret(secret) } })).toBe(1);
    // a new value is a new token
    process.env.BOOTSTRAP_ADMIN_TOKEN = `${secret}-rotated`;
    resetEnvCache();
    expect(await applyBootstrapAdmin()).toEqual(["bootstrap admin token created"]);
    expect(await actorFromToken(`${secret}-rotated`)).toMatchObject({ role: "admin" });
  });

  it("refuses a short bootstrap token", async () => {
    process.env.BOOTSTRAP_ADMIN_TOKEN = "short-token";
    resetEnvCache();
    await expect(applyBootstrapAdmin()).rejects.toThrow(/at least 24/);
  });

  it("creates the admin user; a restart with the same values leaves an admin's changes alone; new values apply", async () => {
    const email = `boot-${Date.now()}@test.example`;
    process.env.BOOTSTRAP_ADMIN_EMAIL = email;
    process.env.BOOTSTRAP_ADMIN_PASSWORD = "first-password-123";
    resetEnvCache();
    expect(await applyBootstrapAdmin()).toEqual([`bootstrap admin user ${email} ready`]);
    expect(await signInWithPassword(email, "first-password-123")).toMatchObject({ email });
    // an admin disables the bootstrap user; a restart with the same values keeps it disabled
    await db().user.update({ where: { email }, data: { disabled: true } });
    expect(await applyBootstrapAdmin()).toEqual([`bootstrap admin user ${email} unchanged`]);
    expect(await db().user.findUniqueOrThrow({ where: { email } })).toMatchObject({ disabled: true });
    // a new password in the environment applies: enabled admin with that password
    process.env.BOOTSTRAP_ADMIN_PASSWORD = "second-password-456";
    resetEnvCache();
    expect(await applyBootstrapAdmin()).toEqual([`bootstrap admin user ${email} ready`]);
    expect(await db().user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "admin", disabled: false });
    expect(await signInWithPassword(email, "first-password-123")).toBeNull();
    expect(await signInWithPassword(email, "second-password-456")).toMatchObject({ email });
    const state = await db().bootstrapState.findUniqueOrThrow({ where: { key: "admin-user" } });
    expect(state.fingerprint).not.toContain("second-password-456");
    expect(state.fingerprint).toMatch(/^\$argon2id\$/);
  });

  it("refuses a bootstrap password shorter than 12 characters", () => {
    process.env.BOOTSTRAP_ADMIN_EMAIL = "short@test.example";
    process.env.BOOTSTRAP_ADMIN_PASSWORD = "elevenchars";
    resetEnvCache();
    expect(() => env()).toThrow(/BOOTSTRAP_ADMIN_PASSWORD: must be at least 12 characters/);
  });
});
