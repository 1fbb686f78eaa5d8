// The activity feed of one incident: its audit entries newest first, with assignees named.
// Readers of the incident see it; the IP address of each change stays in the admin audit log.
import type { TScope } from "../auth/scope";
import { incidentAuditEntries } from "../db/audit";
import { userNamesByIds } from "../db/users";

const ACTIVITY_LIMIT = 200;

interface TAssignDetails {
  from?: string | null;
  to?: string | null;
}

export async function incidentActivity(incidentId: string, scope: TScope) {
  const rows = await incidentAuditEntries(incidentId, scope, ACTIVITY_LIMIT);
  const userIds = new Set<string>();
  for (const r of rows) {
    if (r.action !== "incident.assign") continue;
    const d = (r.details ?? {}) as TAssignDetails;
    if (d.from) userIds.add(d.from);
    if (d.to) userIds.add(d.to);
  }
  const names = await userNamesByIds([...userIds]);
  return {
    items: rows.map((r) => {
      const details = (r.details ?? null) as Record<string, unknown> | null;
      const named =
        r.action === "incident.assign" && details
          ? {
              ...details,
              fromName: details.from ? (names.get(String(details.from)) ?? null) : null,
              toName: details.to ? (names.get(String(details.to)) ?? null) : null,
            }
          : details;
      return { id: r.id, at: r.at.toISOString(), actor: { type: r.actorType, label: r.actorName, account: r.actorLabel }, action: r.action, details: named };
    }),
  };
}
