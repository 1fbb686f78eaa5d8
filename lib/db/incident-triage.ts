// A triage change to one incident and its audit entries, written together.
import { db, type Prisma } from "./client";

export async function applyIncidentChange(id: string, data: Prisma.IncidentUpdateInput, audit: Prisma.AuditLogCreateManyInput[]): Promise<void> {
  await db().$transaction([db().incident.update({ where: { id }, data }), db().auditLog.createMany({ data: audit })]);
}
