// The two ways a person signs in: a password checked against its argon2id hash, or an
// OIDC identity whose groups decide role and teams.
import { countActiveAdmins, findUserByEmail, findUserByOidcIdentity, findUserForLogin, recordLogin, createUserRow, updateUserRow } from "../db/users";
import { findTeamsByNames, findTeamsByOidcGroups } from "../db/teams";
import { writeAudit } from "../db/audit";
import { verifyPassword, dummyPasswordHash } from "./password";
import { mapOidcGroups } from "./oidc-mapping";
import { env } from "../env";

export async function signInWithPassword(email: string, password: string) {
  const user = await findUserForLogin(email.trim());
  if (!user || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.disabled) return null;
  await recordLogin(user.id);
  return { id: user.id, email: user.email, name: user.name };
}

export interface TOidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
  groups: string[];
}

export type TOidcRefusal = "email_not_verified" | "email_of_another_account" | "disabled" | "no_subject";

/**
 * Signs in the user behind an OIDC identity. Linked by (issuer, subject), never by e-mail alone:
 * an unverified e-mail is refused, and so is an identity whose e-mail belongs to a password user
 * or the bootstrap admin (an IdP account with the same address would otherwise take theirs over).
 * A user first made by an OIDC login before identities were recorded is linked once by e-mail.
 * Role and teams follow the groups, except that the last enabled admin is never demoted.
 */
export async function signInWithOidc(identity: TOidcIdentity): Promise<{ id: string; email: string; name: string } | { refused: TOidcRefusal }> {
  const refuse = async (reason: TOidcRefusal, userId?: string) => {
    await writeAudit("system", {
      action: "auth.oidc_refused",
      targetType: "account",
      targetId: identity.email.toLowerCase().slice(0, 320),
      details: { reason, issuer: identity.issuer, subject: identity.subject, ...(userId ? { userId } : {}) },
    });
    return { refused: reason };
  };
  if (!identity.subject) return refuse("no_subject");
  if (!identity.emailVerified) return refuse("email_not_verified");
  const e = env();
  const mapped = mapOidcGroups(identity.groups, e.OIDC_ROLE_GROUPS, e.OIDC_TEAM_PREFIX);
  // teams named by the groups (OIDC_TEAM_PREFIX), and teams a manager mapped one of the groups to
  const teams = [...(await findTeamsByNames(mapped.teamNames)), ...(await findTeamsByOidcGroups(identity.groups))];
  const teamIds = [...new Set(teams.map((t) => t.id))];
  mapped.teamNames = [...new Set(teams.map((t) => t.name))].sort();
  let existing = await findUserByOidcIdentity(identity.issuer, identity.subject);
  let linked = false;
  if (!existing) {
    const byEmail = await findUserByEmail(identity.email);
    if (byEmail) {
      if (byEmail.authProvider !== "oidc" || byEmail.oidcSubject !== null) return refuse("email_of_another_account", byEmail.id);
      existing = byEmail; // made by an OIDC login before subjects were kept: link it now
      linked = true;
    }
  }
  if (existing?.disabled) return refuse("disabled", existing.id);
  let role = mapped.role;
  if (existing && existing.role === "admin" && role !== "admin" && (await countActiveAdmins()) <= 1) role = "admin"; // never demote the last admin
  const user = existing
    ? await updateUserRow(existing.id, { name: identity.name, role, teamIds, endSessions: existing.role !== role, oidc: linked ? { issuer: identity.issuer, subject: identity.subject } : undefined })
    : await createUserRow({ email: identity.email, name: identity.name, role, teamIds, passwordHash: null, authProvider: "oidc", oidc: { issuer: identity.issuer, subject: identity.subject } });
  await recordLogin(user.id);
  await writeAudit("system", {
    action: existing ? "user.oidc_refresh" : "user.oidc_create",
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, role, teams: mapped.teamNames, issuer: identity.issuer, subject: identity.subject, ...(role !== mapped.role ? { kept: "last admin" } : {}) },
  });
  return { id: user.id, email: user.email, name: user.name };
}
