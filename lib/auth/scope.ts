// Turns an actor into the `where` fragment that narrows team-scoped reads, so a row the
// caller may not see does not exist for them (404, not 403).
import type { TActor } from "./actor";
import { TEAM_SCOPED_ROLES } from "./permissions";

export function isTeamScoped(actor: Pick<TActor, "role">): boolean {
  return TEAM_SCOPED_ROLES.includes(actor.role);
}

/**
 * `{}` for roles that read everything; `{ [field]: { in: teamIds } }` for developers
 * (an empty list matches nothing, so a developer without a team sees nothing).
 */
export function teamScope<F extends string = "teamId">(
  actor: Pick<TActor, "role" | "teamIds">,
  field: F = "teamId" as F,
): Partial<Record<F, { in: string[] }>> {
  if (!isTeamScoped(actor)) return {};
  return { [field]: { in: [...actor.teamIds] } } as Partial<Record<F, { in: string[] }>>;
}

/** Whether an actor may see a row that belongs to `teamId` (null = unowned). */
export function canSeeTeam(actor: Pick<TActor, "role" | "teamIds">, teamId: string | null): boolean {
  if (!isTeamScoped(actor)) return true;
  return teamId !== null && actor.teamIds.includes(teamId);
}
