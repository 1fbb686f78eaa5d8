// Authenticates one request — a Bearer token or the session cookie — and reads the actor's
// current role, teams and enabled flag from the database.
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "../env";
import { findUsableTokenByHash, touchToken } from "../db/tokens";
import { loadUserForAuth } from "../db/users";
import { hashTokenSecret } from "./token-secret";
import type { TActor, TIngestKind } from "./actor";

/** lastUsedAt is written at most this often per token, not on every ingest request. */
const TOUCH_INTERVAL_MS = 60_000;

export function bearerSecret(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "";
}

export async function actorFromToken(secret: string): Promise<TActor | null> {
  if (!secret || secret.length > 200) return null;
  const token = await findUsableTokenByHash(hashTokenSecret(secret));
  if (!token) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await touchToken(token.id);
  return {
    kind: "token",
    id: token.id,
    label: `token:${token.name}`,
    role: token.role,
    teamIds: token.teams.map((t) => t.teamId),
    userId: token.createdById,
    ingestScope: {
      clusters: token.clusters.length ? token.clusters : null,
      kinds: token.kinds.length ? (token.kinds as TIngestKind[]) : null,
      allowTeams: token.allowTeams || token.role === "admin",
    },
  };
}

/** `sessionVersion`: the version a session was signed in with; a different current one means it has ended. */
export async function actorFromUserId(userId: string, sessionVersion?: number): Promise<TActor | null> {
  const user = await loadUserForAuth(userId);
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return {
    kind: "user",
    id: user.id,
    label: user.email,
    role: user.role,
    teamIds: user.memberships.map((m) => m.teamId),
    userId: user.id,
  };
}

export async function actorFromSession(req: NextRequest): Promise<TActor | null> {
  const jwt = await getToken({ req, secret: env().NEXTAUTH_SECRET });
  const uid = jwt?.uid;
  // a session from before session versions counts as version 0
  return typeof uid === "string" ? actorFromUserId(uid, typeof jwt?.sv === "number" ? jwt.sv : 0) : null;
}
