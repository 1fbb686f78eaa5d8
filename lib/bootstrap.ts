// Start-up chores against the database: the bootstrap admin token and user from the environment.
// Each is applied when its value is new, not on every start: a revoked bootstrap token stays
// revoked, and a bootstrap admin an admin disabled or demoted stays so, until the environment
// gives a new value (DESIGN.md: the environment does not undo what an admin did).
import { env } from "./env";
import { ensureBootstrapToken } from "./db/tokens";
import { bootstrapFingerprint, recordBootstrapFingerprint, upsertBootstrapAdmin } from "./db/bootstrap-state";
import { writeAudit } from "./db/audit";
import { hashPassword, verifyPassword } from "./auth/password";
import { hashTokenSecret, tokenDisplayPrefix } from "./auth/token-secret";

export const MIN_BOOTSTRAP_TOKEN_LENGTH = 24;

export async function applyBootstrapAdmin(): Promise<string[]> {
  const e = env();
  const notes: string[] = [];
  if (e.BOOTSTRAP_ADMIN_TOKEN) {
    if (e.BOOTSTRAP_ADMIN_TOKEN.length < MIN_BOOTSTRAP_TOKEN_LENGTH) throw new Error(`BOOTSTRAP_ADMIN_TOKEN must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters`);
    const outcome = await ensureBootstrapToken(hashTokenSecret(e.BOOTSTRAP_ADMIN_TOKEN), tokenDisplayPrefix(e.BOOTSTRAP_ADMIN_TOKEN));
    if (outcome === "created") {
      await writeAudit("system", { action: "token.bootstrap_created", targetType: "token", details: { source: "BOOTSTRAP_ADMIN_TOKEN" } });
      notes.push("bootstrap admin token created");
    } else notes.push("bootstrap admin token unchanged");
  }
  if (e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD) {
    const email = e.BOOTSTRAP_ADMIN_EMAIL.toLowerCase();
    const material = `${email}\u0000${e.BOOTSTRAP_ADMIN_PASSWORD}`;
    const last = await bootstrapFingerprint("admin-user");
    if (last && (await verifyPassword(last, material))) {
      notes.push(`bootstrap admin user ${email} unchanged`);
      return notes;
    }
    const user = await upsertBootstrapAdmin(email, await hashPassword(e.BOOTSTRAP_ADMIN_PASSWORD));
    await recordBootstrapFingerprint("admin-user", await hashPassword(material));
    await writeAudit("system", { action: "user.bootstrap_admin", targetType: "user", targetId: user.id, details: { email } });
    notes.push(`bootstrap admin user ${email} ready`);
  }
  return notes;
}
