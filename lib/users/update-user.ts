// An admin changes a user's name, role, teams, password or enabled flag.
import type { TActor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { countActiveAdmins, findUserById, updateUserRow, type TUserRow } from "../db/users";
import { writeAudit } from "../db/audit";
import { invalid, missing } from "../errors";
import { checkTeamIds } from "../teams/check-team-ids";
import type { TUpdateUser } from "./users.types";

export async function updateUser(actor: TActor, id: string, input: TUpdateUser, ip: string | null): Promise<TUserRow> {
  const before = await findUserById(id);
  if (!before) throw missing("user");
  const losesAdmin = before.role === "admin" && !before.disabled && (input.disabled === true || (input.role && input.role !== "admin"));
  if (losesAdmin && (await countActiveAdmins()) <= 1) {
    throw invalid("body.role: the last enabled admin cannot be demoted or disabled");
  }
  const teamIds = input.teamIds ? await checkTeamIds("body.teamIds", input.teamIds) : undefined;
  // A new password, a new role or a change of the enabled flag ends the user's other sessions.
  const endSessions = Boolean(input.password) || (input.role !== undefined && input.role !== before.role) || (input.disabled !== undefined && input.disabled !== before.disabled);
  const user = await updateUserRow(id, {
    endSessions,
    name: input.name,
    role: input.role,
    disabled: input.disabled,
    teamIds,
    passwordHash: input.password ? await hashPassword(input.password) : undefined,
  });
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: input.name };
  if (input.role !== undefined && input.role !== before.role) changes.role = { from: before.role, to: input.role };
  if (input.disabled !== undefined && input.disabled !== before.disabled) changes.disabled = { from: before.disabled, to: input.disabled };
  if (teamIds) changes.teamIds = { from: before.memberships.map((m) => m.team.id).sort(), to: [...teamIds].sort() };
  if (input.password) changes.password = "changed";
  if (endSessions) changes.sessionsEnded = true;
  await writeAudit(actor, { action: "user.update", targetType: "user", targetId: id, details: changes as object }, ip);
  return user;
}
