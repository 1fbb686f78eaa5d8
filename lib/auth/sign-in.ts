// The two ways a person signs in: a password checked against its argon2id hash, or an
// OIDC identity whose groups decide role and teams.
import { findUserForLogin, recordLogin, createUserRow, updateUserRow } from "../db/users";
import { findTeamsByNames } from "../db/teams";
import { writeAudit } from "../db/audit";
import { db } from "../db/client";
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

/** Creates or refreshes the user behind an OIDC login; returns null for a disabled user. */
export async function signInWithOidc(profile: { email: string; name: string; groups: string[] }) {
  const e = env();
  const { role, teamNames } = mapOidcGroups(profile.groups, e.OIDC_ROLE_GROUPS, e.OIDC_TEAM_PREFIX);
  const teamIds = (await findTeamsByNames(teamNames)).map((t) => t.id);
  const existing = await db().user.findUnique({ where: { email: profile.email.toLowerCase() }, select: { id: true, disabled: true } });
  if (existing?.disabled) return null;
  const user = existing
    ? await updateUserRow(existing.id, { name: profile.name, role, teamIds })
    : await createUserRow({ email: profile.email, name: profile.name, role, teamIds, passwordHash: null, authProvider: "oidc" });
  await recordLogin(user.id);
  await writeAudit("system", {
    action: existing ? "user.oidc_refresh" : "user.oidc_create",
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, role, teams: teamNames },
  });
  return { id: user.id, email: user.email, name: user.name };
}
