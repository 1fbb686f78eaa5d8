// The API shape of a user: never the password hash.
import type { TUserRow } from "../db/users";

export function presentUser(u: TUserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    authProvider: u.authProvider,
    teams: u.memberships.map((m) => m.team),
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  };
}
