// An analyst judges two incidents to be one attack: the second's alerts move to the first,
// both ids resolve to the survivor from then on, and both carry an audit entry.
import type { TActor } from "../auth/actor";
import { scopeOf } from "../auth/scope";
import { conflicting, invalid, missing, notAllowed } from "../errors";
import { findIncident } from "../db/incidents-read";
import { mergeIncidentRows, MergedMeanwhileError } from "../db/merge-incidents";
import { writeAudit } from "../db/audit";

export async function mergeIncidents(actor: TActor, survivorId: string, otherId: string, ip: string | null, force = false) {
  const scope = scopeOf(actor);
  const survivor = await findIncident(survivorId, scope);
  const other = await findIncident(otherId, scope);
  if (!survivor) throw missing("incident");
  if (!other) throw invalid(`body.incidentId: no incident ${otherId}`);
  if (survivor.id === other.id) throw invalid("body.incidentId: an incident cannot be merged into itself");
  if (survivor.clusterId !== other.clusterId) throw invalid("body.incidentId: incidents of different clusters cannot be merged");
  if (survivor.teamId !== other.teamId) {
    // The merged incident's team would lose it from its queue: that takes an admin who means it.
    if (actor.role !== "admin") throw notAllowed("these incidents belong to different teams: only an admin may merge them (with force: true)");
    if (!force) throw conflicting("these incidents belong to different teams; send force: true to merge them anyway");
  }
  let movedAlerts: number;
  try {
    ({ movedAlerts } = await mergeIncidentRows(survivor.id, other.id));
  } catch (err) {
    if (err instanceof MergedMeanwhileError) throw conflicting(err.message);
    throw err;
  }
  await writeAudit(actor, { action: "incident.merge", targetType: "incident", targetId: survivor.id, details: { merged: other.id, movedAlerts, ...(survivor.teamId !== other.teamId ? { forcedAcrossTeams: true } : {}) } }, ip);
  await writeAudit(actor, { action: "incident.merged_into", targetType: "incident", targetId: other.id, details: { into: survivor.id } }, ip);
  return (await findIncident(survivor.id, scope))!;
}
