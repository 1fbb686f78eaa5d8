// The audit log: who did what to what, and when. Written in the same call as the change.
import { db, Prisma } from "./client";
import type { TActor } from "../auth/actor";

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
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
