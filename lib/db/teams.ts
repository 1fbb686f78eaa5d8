// Teams: the owners of workloads and the unit of developer scoping.
import { db, Prisma } from "./client";

const teamSelect = {
  id: true,
  name: true,
  displayName: true,
  createdAt: true,
  _count: { select: { memberships: true } },
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

export function updateTeamRow(id: string, data: { displayName?: string }): Promise<TTeamRow> {
  return db().team.update({ where: { id }, data, select: teamSelect });
}

export function deleteTeamRow(id: string) {
  return db().team.delete({ where: { id }, select: { id: true, name: true } });
}
