// OIDC account linking at the database: by (issuer, subject), never by e-mail alone onto a
// password user or the bootstrap admin; a verified e-mail required; the last admin never demoted.
// (The whole flow against a real OIDC provider is e2e/oidc.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithOidc, type TOidcIdentity } from "../lib/auth/sign-in";
import { db } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";
import { makeUser } from "./fixtures";

const ISSUER = "https://idp.test.example";
beforeAll(() => {
  process.env.OIDC_ROLE_GROUPS = "admin=sec-admins,analyst=soc";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.OIDC_ROLE_GROUPS;
  resetEnvCache();
});

const identity = (over: Partial<TOidcIdentity>): TOidcIdentity => ({
  issuer: ISSUER,
  subject: `sub-${Math.random().toString(36).slice(2)}`,
  email: `u-${Math.random().toString(36).slice(2)}@idp.test.example`,
  emailVerified: true,
  name: "Someone",
  groups: ["soc"],
  ...over,
});

describe("signInWithOidc", () => {
  it("creates the user once and finds it again by issuer and subject, even after the e-mail changes", async () => {
    const id = identity({});
    const first = await signInWithOidc(id);
    if ("refused" in first) throw new Error(first.refused);
    const again = await signInWithOidc({ ...id, email: `renamed-${id.email}` });
    if ("refused" in again) throw new Error(again.refused);
    expect(again.id).toBe(first.id);
    expect(await db().user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ oidcIssuer: ISSUER, oidcSubject: id.subject, role: "analyst" });
  });

  it("refuses an unverified e-mail", async () => {
    expect(await signInWithOidc(identity({ emailVerified: false }))).toEqual({ refused: "email_not_verified" });
  });

  it("never links by e-mail onto a password user (nor the bootstrap admin), and audits the refusal", async () => {
    const victim = await makeUser("analyst");
    const out = await signInWithOidc(identity({ email: victim.email, groups: ["sec-admins"] }));
    expect(out).toEqual({ refused: "email_of_another_account" });
    expect(await db().user.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({ role: "analyst", oidcSubject: null });
    expect(await db().auditLog.findFirst({ where: { action: "auth.oidc_refused", targetId: victim.email.toLowerCase() } })).not.toBeNull();
  });

  it("links, once, a user an earlier OIDC login made by e-mail; another subject for it is refused", async () => {
    const email = `legacy-${Date.now()}@idp.test.example`;
    const legacy = await db().user.create({ data: { email, name: "Legacy", role: "developer", authProvider: "oidc" } });
    const linked = await signInWithOidc(identity({ email, subject: "legacy-sub" }));
    expect(linked).toMatchObject({ id: legacy.id });
    expect(await signInWithOidc(identity({ email, subject: "other-sub" }))).toEqual({ refused: "email_of_another_account" });
  });

  it("never demotes the last enabled admin through groups", async () => {
    // make every other admin disabled for the duration, so this one is the last
    const others = await db().user.findMany({ where: { role: "admin", disabled: false }, select: { id: true } });
    await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: true } });
    try {
      const id = identity({ groups: ["sec-admins"] });
      const admin = await signInWithOidc(id);
      if ("refused" in admin) throw new Error(admin.refused);
      expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
      await signInWithOidc({ ...id, groups: ["soc"] }); // the IdP dropped them from sec-admins
      expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
      // with another admin enabled, the groups decide
      await makeUser("admin");
      await signInWithOidc({ ...id, groups: ["soc"] });
      expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("analyst");
    } finally {
      await db().user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabled: false } });
    }
  });

  it("refuses a disabled user", async () => {
    const id = identity({});
    const made = await signInWithOidc(id);
    if ("refused" in made) throw new Error(made.refused);
    await db().user.update({ where: { id: made.id }, data: { disabled: true } });
    expect(await signInWithOidc(id)).toEqual({ refused: "disabled" });
  });
});
