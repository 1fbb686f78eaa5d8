// Users and their team memberships.
import { db, Prisma } from "./client";
import type { TRole } from "../auth/permissions";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  authProvider: true,
  lastLoginAt: true,
  createdAt: true,
  memberships: { select: { team: { select: { id: true, name: true, displayName: true } } } },
} satisfies Prisma.UserSelect;

export type TUserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function listUsers(): Promise<TUserRow[]> {
  return db().user.findMany({ select: userSelect, orderBy: { email: "asc" } });
}

export function findUserById(id: string): Promise<TUserRow | null> {
  return db().user.findUnique({ where: { id }, select: userSelect });
}

/** What authorization needs on every request: the current role, teams and enabled flag. */
export function loadUserForAuth(id: string) {
  return db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true, memberships: { select: { teamId: true } } },
  });
}

/** Raises the user's session version: every session signed in before ends on its next request. */
export function endAllSessions(id: string) {
  return db().user.update({ where: { id }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } });
}

export function findUserByOidcIdentity(issuer: string, subject: string) {
  return db().user.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } },
    select: { id: true, role: true, disabled: true, authProvider: true, oidcSubject: true },
  });
}

/** A user by e-mail (any case), with what sign-in and linking decide on. */
export function findUserByEmail(email: string) {
  return db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, role: true, disabled: true, authProvider: true, oidcSubject: true },
  });
}

export function findUserForLogin(email: string) {
  return db().user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, email: true, name: true, role: true, disabled: true, passwordHash: true },
  });
}

export function recordLogin(id: string) {
  return db().user.update({ where: { id }, data: { lastLoginAt: new Date() }, select: { id: true } });
}

export function createUserRow(data: {
  email: string;
  name: string;
  role: TRole;
  passwordHash: string | null;
  teamIds: string[];
  authProvider?: string;
  oidc?: { issuer: string; subject: string };
}): Promise<TUserRow> {
  return db().user.create({
    data: {
      ...(data.oidc ? { oidcIssuer: data.oidc.issuer, oidcSubject: data.oidc.subject } : {}),
      email: data.email.toLowerCase(),
      name: data.name,
      role: data.role,
      passwordHash: data.passwordHash,
      authProvider: data.authProvider ?? "credentials",
      memberships: { create: data.teamIds.map((teamId) => ({ teamId })) },
    },
    select: userSelect,
  });
}

export function updateUserRow(
  id: string,
  data: { name?: string; role?: TRole; disabled?: boolean; passwordHash?: string; teamIds?: string[]; endSessions?: boolean; oidc?: { issuer: string; subject: string } },
): Promise<TUserRow> {
  return db().$transaction(async (tx) => {
    if (data.teamIds) {
      await tx.membership.deleteMany({ where: { userId: id } });
      await tx.membership.createMany({ data: data.teamIds.map((teamId) => ({ userId: id, teamId })) });
    }
    return tx.user.update({
      where: { id },
      data: {
        name: data.name,
        role: data.role,
        disabled: data.disabled,
        passwordHash: data.passwordHash,
        ...(data.endSessions ? { sessionVersion: { increment: 1 } } : {}),
        ...(data.oidc ? { oidcIssuer: data.oidc.issuer, oidcSubject: data.oidc.subject } : {}),
      },
      select: userSelect,
    });
  });
}

export function countActiveAdmins(): Promise<number> {
  return db().user.count({ where: { role: "admin", disabled: false } });
}

/** Who an incident may be assigned to: every enabled user, by name. */
export function listAssignableUsers() {
  return db().user.findMany({
    where: { disabled: false },
    select: { id: true, name: true, email: true, role: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

/** Display names of users by id (for the activity feed); unknown ids are left out. */
export async function userNamesByIds(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A user's display name by e-mail (any case), or null for someone (or a token) not known. */
export async function userNameByEmail(email: string): Promise<string | null> {
  const row = await db().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { name: true } });
  return row?.name ?? null;
}
