// Triage of one incident: status, assignee, comment, disposition — each allowed by the role
// table, each written to the audit log with who and when, with the MTTx timestamps kept.
import type { TActor } from "../auth/actor";
import { can } from "../auth/permissions";
import { isTeamScoped, scopeOf } from "../auth/scope";
import { conflicting, invalid, missing, notAllowed } from "../errors";
import { applyIncidentChange, CLEARED_JSON, type TIncidentAuditRow, type TIncidentChange } from "../db/incident-triage";
import { loadUserForAuth } from "../db/users";
import { findIncident } from "../db/incidents-read";
import { CLOSED_STATUSES, type TIncidentPatch } from "./incidents.types";
import type { TEscalation } from "../domain/resolution";

/** The person's name as the queue shows it (a token: its label). */
async function nameOf(actor: TActor): Promise<string> {
  if (actor.kind !== "user") return actor.label;
  return (await loadUserForAuth(actor.id))?.name ?? actor.label;
}

function checkRights(actor: TActor, patch: TIncidentPatch): void {
  if (patch.status && patch.status !== "acknowledged" && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not set status ${patch.status}`);
  if (patch.status === "acknowledged" && !can(actor, "incident.acknowledge")) throw notAllowed(`role ${actor.role} may not acknowledge`);
  if (patch.assigneeId !== undefined && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not assign`);
  if (patch.disposition && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not set a disposition`);
  if (patch.comment && !can(actor, "incident.comment")) throw notAllowed(`role ${actor.role} may not comment`);
  if (patch.escalation && !can(actor, "incident.acknowledge")) throw notAllowed(`role ${actor.role} may not escalate`);
  if (patch.escalation === null && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not clear an escalation`);
}

function timestamps(status: string, row: { acknowledgedAt: Date | null; containedAt: Date | null }, now: Date) {
  const data: TIncidentChange = { status };
  if (status !== "new" && !row.acknowledgedAt) data.acknowledgedAt = now;
  if ((status === "contained" || status === "resolved") && !row.containedAt) data.containedAt = now;
  if ((CLOSED_STATUSES as readonly string[]).includes(status)) data.resolvedAt = now;
  else data.resolvedAt = null; // reopened
  return data;
}

export async function updateIncident(actor: TActor, id: string, patch: TIncidentPatch, ip: string | null) {
  const row = await findIncident(id, scopeOf(actor));
  if (!row) throw missing("incident");
  checkRights(actor, patch);
  if (patch.status === "new" && row.status !== "new") throw invalid("body.status: an incident cannot return to new");
  // A developer's acknowledge says "expected" about a new incident; it never reopens or rewinds one.
  if (patch.status === "acknowledged" && !can(actor, "incident.triage") && row.status !== "new") {
    throw conflicting(`only a new incident can be acknowledged; this one is ${row.status}`);
  }
  if (patch.status === "acknowledged" && isTeamScoped(actor) && !patch.comment) {
    throw invalid("body.comment: say why when you acknowledge (e.g. “expected: our migration job runs psql”)");
  }
  const fpReason = patch.disposition?.reason ?? patch.comment;
  if ((patch.status === "false_positive" || patch.disposition?.verdict === "false_positive") && !fpReason) {
    throw invalid("body.disposition.reason: marking a false positive needs a reason");
  }
  if (patch.assigneeId) {
    const assignee = await loadUserForAuth(patch.assigneeId);
    if (!assignee || assignee.disabled) throw invalid(`body.assigneeId: no enabled user ${patch.assigneeId}`);
  }
  if (patch.escalation && (CLOSED_STATUSES as readonly string[]).includes(row.status)) throw conflicting(`a ${row.status} incident cannot be escalated; ask an analyst to reopen it`);
  if (patch.escalation === null && !row.escalation) throw conflicting("this incident is not escalated");
  if (patch.escalation && row.escalation) throw conflicting(`already escalated by ${row.escalation.by}: comment to add to it`);
  const now = new Date();
  const data: TIncidentChange = patch.status && patch.status !== row.status ? timestamps(patch.status, row, now) : {};
  if (patch.assigneeId !== undefined) data.assignee = patch.assigneeId ? { connect: { id: patch.assigneeId } } : { disconnect: true };
  const disposition = patch.disposition ?? (patch.status === "false_positive" ? { verdict: "false_positive" as const, reason: fpReason! } : undefined);
  if (disposition) data.disposition = { ...disposition, by: actor.label, at: now.toISOString() };
  const who = { actorType: actor.kind, actorId: actor.id, actorLabel: actor.label, ip, targetType: "incident", targetId: row.id };
  const audit: TIncidentAuditRow[] = [];
  if (patch.status && patch.status !== row.status) audit.push({ ...who, action: "incident.status", details: { from: row.status, to: patch.status } });
  if (patch.assigneeId !== undefined && patch.assigneeId !== row.assigneeId) audit.push({ ...who, action: "incident.assign", details: { from: row.assigneeId, to: patch.assigneeId } });
  if (disposition) audit.push({ ...who, action: "incident.disposition", details: disposition });
  if (patch.comment) audit.push({ ...who, action: "incident.comment", details: { text: patch.comment } });
  let notify: Parameters<typeof applyIncidentChange>[3];
  if (patch.escalation) {
    const escalation: TEscalation = { note: patch.escalation.note, by: await nameOf(actor), byId: actor.id, at: now.toISOString() };
    data.escalation = { ...escalation };
    audit.push({ ...who, action: "incident.escalate", details: { note: escalation.note } });
    notify = { channel: "incident_escalated", payload: { incidentId: row.id, cluster: row.cluster, teamId: row.teamId, by: escalation.by, at: escalation.at } };
  } else if (patch.escalation === null) {
    data.escalation = CLEARED_JSON;
    audit.push({ ...who, action: "incident.escalation_cleared", details: { note: row.escalation?.note ?? null } });
  }
  await applyIncidentChange(row.id, { ...data, updatedAt: now }, audit, notify);
  return (await findIncident(row.id, scopeOf(actor)))!;
}
