// Test helpers that create real rows in the test database.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { db } from "../lib/db/client";
import { generateTokenSecret, hashTokenSecret, tokenDisplayPrefix } from "../lib/auth/token-secret";
import type { TTokenRole } from "../lib/auth/permissions";

export async function makeTeam(name = `team-${randomUUID().slice(0, 8)}`) {
  return db().team.create({ data: { name, displayName: name } });
}

export async function makeUser(role: "admin" | "analyst" | "manager" | "developer", teamIds: string[] = []) {
  return db().user.create({
    data: {
      email: `${role}-${randomUUID().slice(0, 8)}@test.example`,
      name: `${role} user`,
      role,
      memberships: { create: teamIds.map((teamId) => ({ teamId })) },
    },
  });
}

/** A token as made before scoped tokens (full rights, Team documents applied) unless `opts` narrows it. */
export async function makeToken(role: TTokenRole, opts: { teamIds?: string[]; expiresAt?: Date; revoked?: boolean; allowTeams?: boolean } = {}) {
  const secret = generateTokenSecret();
  const row = await db().apiToken.create({
    data: {
      name: `${role}-token-${randomUUID().slice(0, 6)}`,
      prefix: tokenDisplayPrefix(secret),
      hash: hashTokenSecret(secret),
      role,
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revoked ? new Date() : null,
      allowTeams: opts.allowTeams ?? true,
      teams: { create: (opts.teamIds ?? []).map((teamId) => ({ teamId })) },
    },
  });
  return { secret, row };
}

/** A request as a route handler receives it. */
export function apiRequest(
  path: string,
  init: { method?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  return new NextRequest(new URL(path, "http://localhost:3000"), { method: init.method ?? "GET", headers, body });
}

export const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
export const noParams = { params: Promise.resolve({}) };
