// The role table of DESIGN.md "Roles", as data: every route asks `can(actor, action)`.
// Team scoping (developers see their own teams only) is applied separately by lib/auth/scope.ts.

export const ROLES = ["admin", "analyst", "manager", "developer"] as const;
export const TOKEN_ROLES = [...ROLES, "ingest"] as const;
export type TRole = (typeof ROLES)[number];
export type TTokenRole = (typeof TOKEN_ROLES)[number];

export const PERMISSION_ACTIONS = [
  "incident.read",
  "workload.read",
  "incident.triage", // assign, change status, contain, mark false positive
  "incident.acknowledge",
  "incident.comment",
  "ownership.manage", // ownership rules, teams, exceptions
  "risk.accept", // accepted risks: create, change, revoke (DESIGN.md "Three kinds of expected")
  "users.manage",
  "tokens.manage",
  "audit.read",
  "sources.read", // sensors and inventories: last event, volume, silence
  "alerts.ingest",
  "inventory.ingest",
] as const;
export type TPermission = (typeof PERMISSION_ACTIONS)[number];

export const ROLE_PERMISSIONS: Record<TTokenRole, readonly TPermission[]> = {
  admin: PERMISSION_ACTIONS,
  analyst: ["incident.read", "workload.read", "incident.triage", "incident.acknowledge", "incident.comment"],
  manager: ["incident.read", "workload.read", "incident.comment", "ownership.manage", "risk.accept"],
  // Developers act on their own teams' incidents only: scope.ts narrows what they can see.
  developer: ["incident.read", "workload.read", "incident.acknowledge", "incident.comment"],
  ingest: ["alerts.ingest", "inventory.ingest"],
};

/** Roles whose reads are narrowed to their own teams. */
export const TEAM_SCOPED_ROLES: readonly TTokenRole[] = ["developer"];

export function can(actor: { role: TTokenRole }, action: TPermission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(action);
}
