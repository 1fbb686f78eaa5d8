// An analyst judges two incidents to be one attack: the second's alerts move to the first,
// both ids resolve to the survivor from then on, and both carry an audit entry.
import type { TActor } from "../auth/actor";
import { scopeOf } from "../auth/scope";
import { badRequest, notFound } from "../api/errors";
import { findIncident } from "../db/incidents-read";
import { mergeIncidentRows } from "../db/merge-incidents";
import { writeAudit } from "../db/audit";

export async function mergeIncidents(actor: TActor, survivorId: string, otherId: string, ip: string | null) {
  const scope = scopeOf(actor);
  const survivor = await findIncident(survivorId, scope);
  const other = await findIncident(otherId, scope);
  if (!survivor) throw notFound("incident");
  if (!other) throw badRequest(`body.incidentId: no incident ${otherId}`);
  if (survivor.id === other.id) throw badRequest("body.incidentId: an incident cannot be merged into itself");
  if (survivor.clusterId !== other.clusterId) throw badRequest("body.incidentId: incidents of different clusters cannot be merged");
  const { movedAlerts } = await mergeIncidentRows(survivor.id, other.id);
  await writeAudit(actor, { action: "incident.merge", targetType: "incident", targetId: survivor.id, details: { merged: other.id, movedAlerts } }, ip);
  await writeAudit(actor, { action: "incident.merged_into", targetType: "incident", targetId: other.id, details: { into: survivor.id } }, ip);
  return (await findIncident(survivor.id, scope))!;
}
