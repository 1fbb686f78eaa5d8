// Start-up chores against the database: the bootstrap admin token and user from the
// environment, and the demo users and teams on an empty demo database.
import { env } from "./env";
import { db } from "./db/client";
import { upsertBootstrapToken } from "./db/tokens";
import { writeAudit } from "./db/audit";
import { hashPassword } from "./auth/password";
import { hashTokenSecret, tokenDisplayPrefix } from "./auth/token-secret";

export async function applyBootstrapAdmin(): Promise<string[]> {
  const e = env();
  const notes: string[] = [];
  if (e.BOOTSTRAP_ADMIN_TOKEN) {
    if (e.BOOTSTRAP_ADMIN_TOKEN.length < 24) throw new Error("BOOTSTRAP_ADMIN_TOKEN must be at least 24 characters");
    const outcome = await upsertBootstrapToken(hashTokenSecret(e.BOOTSTRAP_ADMIN_TOKEN), tokenDisplayPrefix(e.BOOTSTRAP_ADMIN_TOKEN));
    await writeAudit("system", { action: `token.bootstrap_${outcome}`, targetType: "token", details: { source: "BOOTSTRAP_ADMIN_TOKEN" } });
    notes.push(`bootstrap admin token ${outcome}`);
  }
  if (e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD) {
    const email = e.BOOTSTRAP_ADMIN_EMAIL.toLowerCase();
    const passwordHash = await hashPassword(e.BOOTSTRAP_ADMIN_PASSWORD);
    const user = await db().user.upsert({
      where: { email },
      create: { email, name: "Bootstrap admin", role: "admin", passwordHash },
      update: { role: "admin", disabled: false, passwordHash },
      select: { id: true },
    });
    await writeAudit("system", { action: "user.bootstrap_admin", targetType: "user", targetId: user.id, details: { email } });
    notes.push(`bootstrap admin user ${email} ready`);
  }
  return notes;
}
