// Demo users and teams, created only on an empty database that is the embedded one or
// has SEED_DEMO=1: known passwords never land on a real server by default.
import { db } from "../lib/db/client";
import { hashPassword } from "../lib/auth/password";
import { writeAudit } from "../lib/db/audit";
import type { TRole } from "../lib/auth/permissions";

export const DEMO_PASSWORD = "blast-radius-demo";

export const DEMO_TEAMS = [
  { name: "payments", displayName: "Payments" },
  { name: "platform", displayName: "Platform" },
  { name: "data", displayName: "Data" },
];

export const DEMO_USERS: { email: string; name: string; role: TRole; teams: string[] }[] = [
  { email: "admin@demo.blastradius.dev", name: "Ada Admin", role: "admin", teams: [] },
  { email: "analyst@demo.blastradius.dev", name: "Sam Analyst", role: "analyst", teams: [] },
  { email: "manager@demo.blastradius.dev", name: "Morgan Manager", role: "manager", teams: [] },
  { email: "dev@demo.blastradius.dev", name: "Dana Developer", role: "developer", teams: ["payments"] },
  { email: "platform-dev@demo.blastradius.dev", name: "Pat Platform", role: "developer", teams: ["platform"] },
];

/** Seeds when no user exists yet; returns whether it did. */
export async function seedDemo(): Promise<boolean> {
  if ((await db().user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().$transaction(async (tx) => {
    for (const t of DEMO_TEAMS) await tx.team.upsert({ where: { name: t.name }, create: t, update: {} });
    const teams = await tx.team.findMany({ select: { id: true, name: true } });
    const byName = new Map(teams.map((t) => [t.name, t.id]));
    for (const u of DEMO_USERS) {
      await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          role: u.role,
          passwordHash,
          memberships: { create: u.teams.map((name) => ({ teamId: byName.get(name)! })) },
        },
      });
    }
  });
  await writeAudit("system", { action: "seed.demo", targetType: "database", details: { users: DEMO_USERS.length, teams: DEMO_TEAMS.length } });
  return true;
}
