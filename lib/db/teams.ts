// Teams: the owners of workloads and the unit of developer scoping.
import { db, Prisma } from "./client";

const teamSelect = {
  id: true,
  name: true,
  displayName: true,
  oidcGroups: true,
  slaTimeZone: true,
  slaWorkdays: true,
  slaDayStartMinute: true,
  slaDayEndMinute: true,
  createdAt: true,
  _count: { select: { memberships: true } },
  memberships: {
    select: { user: { select: { id: true, name: true, email: true, role: true, authProvider: true, disabled: true } } },
    orderBy: { user: { email: "asc" } },
  },
} satisfies Prisma.TeamSelect;

export type TTeamRow = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;

export function listTeams(): Promise<TTeamRow[]> {
  return db().team.findMany({ select: teamSelect, orderBy: { name: "asc" } });
}

export function findTeamById(id: string): Promise<TTeamRow | null> {
  return db().team.findUnique({ where: { id }, select: teamSelect });
}

export function findTeamsByNames(names: string[]) {
  return db().team.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
}

export async function existingTeamIds(ids: string[]): Promise<Set<string>> {
  const rows = await db().team.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export function createTeamRow(data: { name: string; displayName: string }): Promise<TTeamRow> {
  return db().team.create({ data, select: teamSelect });
}

/** Teams that take their members from any of these SSO groups. */
export function findTeamsByOidcGroups(groups: string[]) {
  if (!groups.length) return Promise.resolve([]);
  return db().team.findMany({ where: { oidcGroups: { hasSome: groups } }, select: { id: true, name: true } });
}

/** Enabled users a manager may add to a team. */
export function listMemberCandidates() {
  return db().user.findMany({
    where: { disabled: false },
    select: { id: true, name: true, email: true, role: true, authProvider: true },
    orderBy: [{ email: "asc" }],
  });
}

/** Adds a member; false when the user or the team does not exist. */
export async function addMembership(teamId: string, userId: string): Promise<boolean> {
  const [team, user] = await Promise.all([db().team.findUnique({ where: { id: teamId }, select: { id: true } }), db().user.findUnique({ where: { id: userId }, select: { id: true } })]);
  if (!team || !user) return false;
  await db().membership.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId }, update: {} });
  return true;
}

/** Removes a member; false when they were not one. */
export async function removeMembership(teamId: string, userId: string): Promise<boolean> {
  const res = await db().membership.deleteMany({ where: { teamId, userId } });
  return res.count > 0;
}

export interface TSlaHoursRow {
  timeZone: string;
  workdays: number[];
  dayStartMinute: number;
  dayEndMinute: number;
}

export function updateTeamRow(id: string, data: { displayName?: string; oidcGroups?: string[]; slaHours?: TSlaHoursRow | null }): Promise<TTeamRow> {
  const { slaHours, ...rest } = data;
  const hours =
    slaHours === undefined
      ? {}
      : slaHours === null
        ? { slaTimeZone: null }
        : { slaTimeZone: slaHours.timeZone, slaWorkdays: slaHours.workdays, slaDayStartMinute: slaHours.dayStartMinute, slaDayEndMinute: slaHours.dayEndMinute };
  return db().team.update({ where: { id }, data: { ...rest, ...hours }, select: teamSelect });
}

export function deleteTeamRow(id: string) {
  return db().team.delete({ where: { id }, select: { id: true, name: true } });
}
