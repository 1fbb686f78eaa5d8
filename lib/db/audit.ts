// The audit log: who did what to what, and when. Written in the same call as the change.
import { db, Prisma } from "./client";
import type { TActor } from "../auth/actor";
import type pg from "pg";
import type { TScope } from "../auth/scope";

export interface TAuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
}

export function writeAudit(actor: TActor | "system", entry: TAuditEntry, ip?: string | null) {
  const who =
    actor === "system"
      ? { actorType: "system", actorId: null, actorLabel: "system" }
      : { actorType: actor.kind, actorId: actor.id, actorLabel: actor.label };
  return db().auditLog.create({
    data: {
      ...who,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details,
      ip: ip ?? null,
    },
    select: { id: true },
  });
}

/** writeAudit inside a transaction of node-postgres (the entry commits or rolls back with it). */
export async function writeAuditWith(client: pg.PoolClient, actor: TActor | "system", entry: TAuditEntry, ip?: string | null): Promise<void> {
  const who = actor === "system" ? ["system", null, "system"] : [actor.kind, actor.id, actor.label];
  await client.query(
    `INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details, ip) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
    [...who, entry.action, entry.targetType, entry.targetId ?? null, entry.details === undefined ? null : JSON.stringify(entry.details), ip ?? null],
  );
}

/** The audit entries of one incident in scope, newest first (none when the incident is outside it). */
export async function incidentAuditEntries(incidentId: string, scope: TScope, limit: number) {
  if (!scope.all) {
    const inScope = await db().incident.count({ where: { id: incidentId, teamId: { in: [...scope.teamIds] } } });
    if (inScope === 0) return [];
  }
  return listAudit({ targetType: "incident", targetId: incidentId, limit });
}

export async function listAudit(filter: { targetType?: string; targetId?: string; limit: number; before?: bigint }) {
  const rows = await db().auditLog.findMany({
    where: {
      targetType: filter.targetType,
      targetId: filter.targetId,
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: filter.limit,
  });
  // people by their names (the label keeps the e-mail or token name it was written with)
  const userIds = [...new Set(rows.flatMap((r) => (r.actorType === "user" && r.actorId ? [r.actorId] : [])))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ ...r, id: r.id.toString(), actorName: (r.actorType === "user" && r.actorId ? names.get(r.actorId) : null) ?? r.actorLabel }));
}
