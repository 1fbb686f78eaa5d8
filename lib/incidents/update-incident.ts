// Triage of one incident: status, assignee, comment, disposition — each allowed by the role
// table, each written to the audit log with who and when, with the MTTx timestamps kept.
import type { TActor } from "../auth/actor";
import { can } from "../auth/permissions";
import { isTeamScoped, scopeOf } from "../auth/scope";
import { conflicting, invalid, missing, notAllowed } from "../errors";
import { applyIncidentChange, type TIncidentAuditRow, type TIncidentChange } from "../db/incident-triage";
import { loadUserForAuth } from "../db/users";
import { findIncident } from "../db/incidents-read";
import { CLOSED_STATUSES, type TIncidentPatch } from "./incidents.types";

function checkRights(actor: TActor, patch: TIncidentPatch): void {
  if (patch.status && patch.status !== "acknowledged" && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not set status ${patch.status}`);
  if (patch.status === "acknowledged" && !can(actor, "incident.acknowledge")) throw notAllowed(`role ${actor.role} may not acknowledge`);
  if (patch.assigneeId !== undefined && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not assign`);
  if (patch.disposition && !can(actor, "incident.triage")) throw notAllowed(`role ${actor.role} may not set a disposition`);
  if (patch.comment && !can(actor, "incident.comment")) throw notAllowed(`role ${actor.role} may not comment`);
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
  await applyIncidentChange(row.id, { ...data, updatedAt: now }, audit);
  return (await findIncident(row.id, scopeOf(actor)))!;
}
