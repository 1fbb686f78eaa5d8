// Admins create API tokens (the secret is returned once, only its hash is kept) and revoke them.
import type { TActor } from "../auth/actor";
import { generateTokenSecret, hashTokenSecret, tokenDisplayPrefix } from "../auth/token-secret";
import { createTokenRow, findTokenById, revokeTokenRow } from "../db/tokens";
import { writeAudit } from "../db/audit";
import { invalid, missing } from "../errors";
import { checkTeamIds } from "../teams/check-team-ids";
import type { TCreateToken } from "./tokens.types";

export async function createToken(actor: TActor, input: TCreateToken, ip: string | null) {
  const teamIds = await checkTeamIds("body.teamIds", input.teamIds);
  if (input.role === "developer" && teamIds.length === 0) {
    throw invalid("body.teamIds: a developer token needs at least one team");
  }
  const secret = generateTokenSecret();
  const token = await createTokenRow({
    name: input.name,
    role: input.role,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    prefix: tokenDisplayPrefix(secret),
    hash: hashTokenSecret(secret),
    createdById: actor.userId,
    createdByLabel: actor.label,
    teamIds,
    clusters: [...new Set(input.clusters)],
    kinds: [...new Set(input.kinds)],
    allowTeams: input.allowTeams,
  });
  await writeAudit(
    actor,
    { action: "token.create", targetType: "token", targetId: token.id, details: { name: token.name, role: token.role, expiresAt: input.expiresAt ?? null, clusters: token.clusters, kinds: token.kinds, allowTeams: token.allowTeams } },
    ip,
  );
  return { ...token, secret };
}

export async function revokeToken(actor: TActor, id: string, ip: string | null) {
  const before = await findTokenById(id);
  if (!before) throw missing("token");
  if (before.revokedAt) return before;
  const token = await revokeTokenRow(id);
  await writeAudit(actor, { action: "token.revoke", targetType: "token", targetId: id, details: { name: token.name } }, ip);
  return token;
}
