// Ticks of containment runbook steps (lib/runbooks): which steps of an incident are done, by whom.
import type { TActor } from "../auth/actor";
import { writeAuditWith } from "./audit";
import { pgPool, withTransaction } from "./pg";

export async function runbookTicks(incidentId: string): Promise<Map<string, { doneAt: Date; doneBy: string }>> {
  const res = await pgPool().query(`SELECT "stepId", "doneAt", "doneByLabel" FROM incident_runbook_steps WHERE "incidentId" = $1`, [incidentId]);
  return new Map(res.rows.map((r: { stepId: string; doneAt: Date; doneByLabel: string }) => [r.stepId, { doneAt: r.doneAt, doneBy: r.doneByLabel }]));
}

/** Ticks or unticks a step, audited on the incident; returns whether anything changed. */
export async function setRunbookTick(actor: TActor, incidentId: string, step: { id: string; title: string }, done: boolean, ip: string | null): Promise<boolean> {
  return withTransaction(async (client) => {
    const res = done
      ? await client.query(
          `INSERT INTO incident_runbook_steps ("incidentId", "stepId", "doneByLabel") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [incidentId, step.id, actor.label],
        )
      : await client.query(`DELETE FROM incident_runbook_steps WHERE "incidentId" = $1 AND "stepId" = $2`, [incidentId, step.id]);
    if (!res.rowCount) return false;
    await writeAuditWith(client, actor, { action: "incident.runbook_step", targetType: "incident", targetId: incidentId, details: { stepId: step.id, title: step.title, done } }, ip);
    return true;
  });
}
