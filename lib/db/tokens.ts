// API tokens for sensors and automation: hashes only, never the secret.
import { db, Prisma } from "./client";
import { pgPool } from "./pg";
import type { TTokenRole } from "../auth/permissions";

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  createdByLabel: true,
  clusters: true,
  kinds: true,
  allowTeams: true,
  teams: { select: { team: { select: { id: true, name: true } } } },
} satisfies Prisma.ApiTokenSelect;

export type TTokenRow = Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>;

export function listTokens(): Promise<TTokenRow[]> {
  return db().apiToken.findMany({ select: tokenSelect, orderBy: { createdAt: "desc" } });
}

export function findTokenById(id: string): Promise<TTokenRow | null> {
  return db().apiToken.findUnique({ where: { id }, select: tokenSelect });
}

export function createTokenRow(data: {
  name: string;
  prefix: string;
  hash: string;
  role: TTokenRole;
  expiresAt: Date | null;
  createdById: string | null;
  createdByLabel: string;
  teamIds: string[];
  clusters: string[];
  kinds: string[];
  allowTeams: boolean;
}): Promise<TTokenRow> {
  return db().apiToken.create({
    data: {
      name: data.name,
      prefix: data.prefix,
      hash: data.hash,
      role: data.role,
      expiresAt: data.expiresAt,
      createdById: data.createdById,
      createdByLabel: data.createdByLabel,
      clusters: data.clusters,
      kinds: data.kinds,
      allowTeams: data.allowTeams,
      teams: { create: data.teamIds.map((teamId) => ({ teamId })) },
    },
    select: tokenSelect,
  });
}

export function revokeTokenRow(id: string): Promise<TTokenRow> {
  return db().apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: tokenSelect });
}

/** A token that may be used now: not revoked, not expired. */
export interface TUsableToken {
  id: string;
  name: string;
  role: TTokenRole;
  lastUsedAt: Date | null;
  createdById: string | null;
  clusters: string[];
  kinds: string[];
  allowTeams: boolean;
  teams: { teamId: string }[];
}

/**
 * The token with this hash if it may be used now: not revoked, not expired, and its creator (if it
 * has one) still enabled — a disabled user's tokens stop with them. Every API request asks this,
 * so it is one plain query (through Prisma it cost about 4 ms of CPU per request, measured on the
 * ingest bench, where sensors post hundreds of batches a second).
 */
export async function findUsableTokenByHash(hash: string): Promise<TUsableToken | null> {
  const res = await pgPool().query(
    `SELECT t.id, t.name, t.role::text AS role, t."lastUsedAt" AT TIME ZONE 'UTC' AS "lastUsedAt", t."createdById", t.clusters, t.kinds, t."allowTeams",
            ARRAY(SELECT tt."teamId" FROM api_token_teams tt WHERE tt."tokenId" = t.id ORDER BY tt."teamId") AS "teamIds"
     FROM api_tokens t LEFT JOIN users u ON u.id = t."createdById"
     WHERE t.hash = $1 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > (now() AT TIME ZONE 'UTC'))
       AND (t."createdById" IS NULL OR u.disabled = false)`,
    [hash],
  );
  const row = res.rows[0] as (Omit<TUsableToken, "teams"> & { teamIds: string[] }) | undefined;
  if (!row) return null;
  const { teamIds, ...token } = row;
  return { ...token, teams: teamIds.map((teamId) => ({ teamId })) };
}

export function touchToken(id: string) {
  return db().apiToken.update({ where: { id }, data: { lastUsedAt: new Date() }, select: { id: true } });
}

/**
 * BOOTSTRAP_ADMIN_TOKEN: an admin token with that value, created when no token has it. A token
 * with that value that was revoked, or changed, stays as it is: the environment does not undo
 * what an admin did; a new value makes a new token.
 */
export async function ensureBootstrapToken(hash: string, prefix: string): Promise<"created" | "unchanged"> {
  const existing = await db().apiToken.findUnique({ where: { hash }, select: { id: true } });
  if (existing) return "unchanged";
  await db().apiToken.create({ data: { name: "bootstrap admin token", prefix, hash, role: "admin", allowTeams: true } });
  return "created";
}
