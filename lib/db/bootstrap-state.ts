// What start-up last applied from BOOTSTRAP_ADMIN_* (argon2id fingerprints), and the admin it makes.
import { db } from "./client";

export async function bootstrapFingerprint(key: string): Promise<string | null> {
  return (await db().bootstrapState.findUnique({ where: { key } }))?.fingerprint ?? null;
}

export async function recordBootstrapFingerprint(key: string, fingerprint: string): Promise<void> {
  await db().bootstrapState.upsert({ where: { key }, create: { key, fingerprint }, update: { fingerprint, appliedAt: new Date() } });
}

/** Creates the bootstrap admin, or makes an existing user with that e-mail an enabled admin with this password (ending their sessions). */
export function upsertBootstrapAdmin(email: string, passwordHash: string) {
  return db().user.upsert({
    where: { email },
    create: { email, name: "Bootstrap admin", role: "admin", passwordHash },
    update: { role: "admin", disabled: false, passwordHash, sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}
