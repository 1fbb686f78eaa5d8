// A triage change to one incident and its audit entries, written together.
import { db, Prisma } from "./client";

/** The incident fields a triage change writes, and its audit rows: the storage shapes, named here so callers need no Prisma. */
export type TIncidentChange = Prisma.IncidentUpdateInput;
export type TIncidentAuditRow = Prisma.AuditLogCreateManyInput;

/** The value that empties a JSON column (an escalation cleared). */
export const CLEARED_JSON = Prisma.DbNull;

/** `notify`: a NOTIFY sent with the change (delivered only if it commits), for features that subscribe. */
export async function applyIncidentChange(
  id: string,
  data: Prisma.IncidentUpdateInput,
  audit: Prisma.AuditLogCreateManyInput[],
  notify?: { channel: "incident_escalated"; payload: Record<string, unknown> },
): Promise<void> {
  await db().$transaction([
    db().incident.update({ where: { id }, data }),
    db().auditLog.createMany({ data: audit }),
    ...(notify ? [db().$executeRawUnsafe(`SELECT pg_notify($1, $2)`, notify.channel, JSON.stringify(notify.payload))] : []),
  ]);
}
