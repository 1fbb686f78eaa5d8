// What team-owned data (incidents, workloads, alerts, activity, facets, metrics) a caller may
// read. Every lib/db read of such data takes a TScope, and scopeOf is the one place that builds
// it from an actor, so a read cannot forget to narrow: a developer's scope holds their teams (none:
// they see nothing), every other role's scope is everything. A row outside the scope does not
// exist for the caller (404, not 403).
import type { TActor } from "./actor";
import { TEAM_SCOPED_ROLES } from "./permissions";

export type TScope = { readonly all: true } | { readonly all: false; readonly teamIds: readonly string[] };

/** Everything: for roles that read all teams, and for the system's own work (ingest, maintenance). */
export const ALL_TEAMS: TScope = Object.freeze({ all: true });

export function isTeamScoped(actor: Pick<TActor, "role">): boolean {
  return TEAM_SCOPED_ROLES.includes(actor.role);
}

export function scopeOf(actor: Pick<TActor, "role" | "teamIds">): TScope {
  return isTeamScoped(actor) ? { all: false, teamIds: [...actor.teamIds] } : ALL_TEAMS;
}
