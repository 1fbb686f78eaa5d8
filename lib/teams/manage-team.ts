// Admins and managers create, rename and delete teams; each change is audited.
import type { TActor } from "../auth/actor";
import { createTeamRow, deleteTeamRow, findTeamById, findTeamsByNames, updateTeamRow } from "../db/teams";
import { writeAudit } from "../db/audit";
import { conflicting, missing } from "../errors";
import type { TCreateTeam, TUpdateTeam } from "./teams.types";

export async function createTeam(actor: TActor, input: TCreateTeam, ip: string | null) {
  if ((await findTeamsByNames([input.name])).length) throw conflicting(`body.name: a team named ${input.name} already exists`);
  const team = await createTeamRow({ name: input.name, displayName: input.displayName ?? input.name });
  await writeAudit(actor, { action: "team.create", targetType: "team", targetId: team.id, details: { name: team.name } }, ip);
  return team;
}

export async function updateTeam(actor: TActor, id: string, input: TUpdateTeam, ip: string | null) {
  const before = await findTeamById(id);
  if (!before) throw missing("team");
  const team = await updateTeamRow(id, input);
  await writeAudit(
    actor,
    { action: "team.update", targetType: "team", targetId: id, details: { displayName: { from: before.displayName, to: team.displayName } } },
    ip,
  );
  return team;
}

export async function deleteTeam(actor: TActor, id: string, ip: string | null) {
  const before = await findTeamById(id);
  if (!before) throw missing("team");
  await deleteTeamRow(id);
  await writeAudit(actor, { action: "team.delete", targetType: "team", targetId: id, details: { name: before.name } }, ip);
  return { id, deleted: true };
}
