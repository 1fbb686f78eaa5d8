// Admins and managers create, rename and delete teams, set the SSO groups they take members
// from, and add or remove members; each change is audited.
import type { TActor } from "../auth/actor";
import { addMembership, createTeamRow, deleteTeamRow, findTeamById, findTeamsByNames, removeMembership, updateTeamRow } from "../db/teams";
import { writeAudit } from "../db/audit";
import { conflicting, missing } from "../errors";
import type { TCreateTeam, TUpdateTeam } from "./teams.types";
import { hhmm } from "../domain/clock";

export async function createTeam(actor: TActor, input: TCreateTeam, ip: string | null) {
  if ((await findTeamsByNames([input.name])).length) throw conflicting(`body.name: a team named ${input.name} already exists`);
  const team = await createTeamRow({ name: input.name, displayName: input.displayName ?? input.name });
  await writeAudit(actor, { action: "team.create", targetType: "team", targetId: team.id, details: { name: team.name } }, ip);
  return team;
}

export async function updateTeam(actor: TActor, id: string, input: TUpdateTeam, ip: string | null) {
  const before = await findTeamById(id);
  if (!before) throw missing("team");
  const oidcGroups = input.oidcGroups ? [...new Set(input.oidcGroups)].sort() : undefined;
  const team = await updateTeamRow(id, { displayName: input.displayName, oidcGroups, slaHours: input.slaHours });
  type TChange = { from: string | string[] | TSlaHours | null; to: string | string[] | TSlaHours | null };
  const details: Record<string, TChange> = {};
  if (input.slaHours !== undefined) details.slaHours = { from: slaHoursOf(before), to: slaHoursOf(team) };
  if (input.displayName !== undefined) details.displayName = { from: before.displayName, to: team.displayName };
  if (oidcGroups) details.oidcGroups = { from: before.oidcGroups, to: team.oidcGroups };
  await writeAudit(actor, { action: "team.update", targetType: "team", targetId: id, details }, ip);
  return team;
}

/** A manager adds someone to a team: a developer then sees the team's workloads and incidents. */
export async function addTeamMember(actor: TActor, teamId: string, userId: string, ip: string | null) {
  if (!(await addMembership(teamId, userId))) throw missing("team or user");
  await writeAudit(actor, { action: "team.member_add", targetType: "team", targetId: teamId, details: { userId } }, ip);
  return findTeamById(teamId);
}

export async function removeTeamMember(actor: TActor, teamId: string, userId: string, ip: string | null) {
  if (!(await removeMembership(teamId, userId))) throw missing("membership");
  await writeAudit(actor, { action: "team.member_remove", targetType: "team", targetId: teamId, details: { userId } }, ip);
  return findTeamById(teamId);
}

export async function deleteTeam(actor: TActor, id: string, ip: string | null) {
  const before = await findTeamById(id);
  if (!before) throw missing("team");
  await deleteTeamRow(id);
  await writeAudit(actor, { action: "team.delete", targetType: "team", targetId: id, details: { name: before.name } }, ip);
  return { id, deleted: true };
}

type TSlaHours = { timeZone: string; workdays: number[]; dayStart: string; dayEnd: string };

/** A team's working time for SLA clocks as the API says it; null when its clocks run around the clock. */
export function slaHoursOf(t: { slaTimeZone: string | null; slaWorkdays: number[]; slaDayStartMinute: number; slaDayEndMinute: number }): TSlaHours | null {
  if (!t.slaTimeZone) return null;
  return { timeZone: t.slaTimeZone, workdays: t.slaWorkdays, dayStart: hhmm(t.slaDayStartMinute), dayEnd: hhmm(t.slaDayEndMinute) };
}
