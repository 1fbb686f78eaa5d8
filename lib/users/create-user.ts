// An admin creates a user with a password, a role and teams.
import type { TActor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { createUserRow, findUserByEmail, type TUserRow } from "../db/users";
import { writeAudit } from "../db/audit";
import { conflicting } from "../errors";
import { checkTeamIds } from "../teams/check-team-ids";
import type { TCreateUser } from "./users.types";

export async function createUser(actor: TActor, input: TCreateUser, ip: string | null): Promise<TUserRow> {
  if (await findUserByEmail(input.email)) throw conflicting(`body.email: a user with e-mail ${input.email} already exists`);
  const teamIds = await checkTeamIds("body.teamIds", input.teamIds);
  const user = await createUserRow({ ...input, teamIds, passwordHash: await hashPassword(input.password) });
  await writeAudit(
    actor,
    { action: "user.create", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role, teamIds } },
    ip,
  );
  return user;
}
