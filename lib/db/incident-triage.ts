// A triage change to one incident and its audit entries, written together.
import { db, type Prisma } from "./client";

/** The incident fields a triage change writes, and its audit rows: the storage shapes, named here so callers need no Prisma. */
export type TIncidentChange = Prisma.IncidentUpdateInput;
export type TIncidentAuditRow = Prisma.AuditLogCreateManyInput;

export async function applyIncidentChange(id: string, data: Prisma.IncidentUpdateInput, audit: Prisma.AuditLogCreateManyInput[]): Promise<void> {
  await db().$transaction([db().incident.update({ where: { id }, data }), db().auditLog.createMany({ data: audit })]);
}
