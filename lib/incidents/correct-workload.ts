// An analyst corrects which workload an incident belongs to (a pod the inventory could not place,
// or a match they know is wrong): resolvedBy "manual", re-scored with that workload's blast radius.
import type { TActor } from "../auth/actor";
import { scopeOf } from "../auth/scope";
import { conflicting, invalid, missing } from "../errors";
import { findIncident } from "../db/incidents-read";
import { moveIncidentToWorkload, NoSuchWorkloadError } from "../db/move-incident";
import { scoreIncident } from "./score-incident";
import { CLOSED_STATUSES } from "./triage-actions";

export async function correctIncidentWorkload(actor: TActor, id: string, body: { workload: string; reason?: string }, ip: string | null) {
  const row = await findIncident(id, scopeOf(actor));
  if (!row) throw missing("incident");
  if ((CLOSED_STATUSES as readonly string[]).includes(row.status)) throw conflicting(`this incident is ${row.status}; reopen it first`);
  if (body.workload === row.workloadKey) throw invalid("body.workload: the incident is on that workload already");
  const boosted = ((row.scoreBreakdown as { evidenceBoost?: number } | null)?.evidenceBoost ?? 1) > 1;
  try {
    await moveIncidentToWorkload(
      { incidentId: row.id, clusterId: row.clusterId, fromKey: row.workloadKey, toKey: body.workload, reason: body.reason ?? null },
      actor,
      ip,
      (w) => scoreIncident({ blast: w, severity: row.severity, evidence: boosted, basis: "workload" }),
    );
  } catch (err) {
    if (err instanceof NoSuchWorkloadError) throw invalid(`body.workload: ${err.message}`);
    throw err;
  }
  return (await findIncident(row.id, scopeOf(actor)))!;
}
