// Maps an OIDC groups claim to a role and team names (OIDC_ROLE_GROUPS, OIDC_TEAM_PREFIX).
import { ROLES, type TRole } from "./permissions";

/** Highest privilege first: a user in several role groups gets the strongest. */
const ROLE_ORDER: readonly TRole[] = ["admin", "analyst", "manager", "developer"];

/** Parses "admin=sec-admins,analyst=soc;soc-l2" into role → groups. */
export function parseRoleGroups(spec: string): Map<TRole, Set<string>> {
  const map = new Map<TRole, Set<string>>();
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [role, groups] = part.split("=", 2).map((s) => s.trim());
    if (!(ROLES as readonly string[]).includes(role) || !groups) {
      throw new Error(`OIDC_ROLE_GROUPS: "${part}" is not role=group[;group]`);
    }
    map.set(role as TRole, new Set(groups.split(";").map((g) => g.trim()).filter(Boolean)));
  }
  return map;
}

export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string");
  if (typeof claim === "string") return claim.split(/[,\s]+/).filter(Boolean);
  return [];
}

export function mapOidcGroups(
  groups: string[],
  roleSpec: string,
  teamPrefix: string,
): { role: TRole; teamNames: string[] } {
  const roleGroups = parseRoleGroups(roleSpec);
  const member = new Set(groups);
  const role =
    ROLE_ORDER.find((r) => [...(roleGroups.get(r) ?? [])].some((g) => member.has(g))) ?? "developer";
  const teamNames = groups
    .filter((g) => teamPrefix === "" || g.startsWith(teamPrefix))
    .map((g) => g.slice(teamPrefix.length))
    .filter(Boolean);
  return { role, teamNames: [...new Set(teamNames)].sort() };
}
