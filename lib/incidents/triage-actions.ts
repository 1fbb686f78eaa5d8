// Which triage actions a user sees on an incident, from its status and the user's permissions
// (DESIGN.md "Roles"). The server checks again on every PATCH; this only keeps the UI honest.
import { CLOSED_STATUSES, type TIncidentStatus } from "./incidents.types";

export const STATUS_LABELS: Record<TIncidentStatus, string> = {
  new: "New",
  acknowledged: "Acknowledged",
  investigating: "Investigating",
  contained: "Contained",
  resolved: "Resolved",
  false_positive: "False positive",
};

const ACTION_LABELS: Partial<Record<TIncidentStatus, string>> = {
  acknowledged: "Acknowledge",
  investigating: "Investigate",
  contained: "Contain",
  resolved: "Resolve",
};

export { CLOSED_STATUSES };

export interface TTriageActions {
  /** status changes offered as buttons, in workflow order */
  statusButtons: { status: TIncidentStatus; label: string }[];
  canAssign: boolean;
  canMarkFalsePositive: boolean;
  /** closed → investigating */
  canReopen: boolean;
  canComment: boolean;
  /** developers acknowledge with a comment that says why */
  acknowledgeNeedsComment: boolean;
}

export function triageActions(status: string, permissions: readonly string[]): TTriageActions {
  const triage = permissions.includes("incident.triage");
  const acknowledge = permissions.includes("incident.acknowledge");
  const closed = (CLOSED_STATUSES as readonly string[]).includes(status);
  const order: TIncidentStatus[] = ["acknowledged", "investigating", "contained", "resolved"];
  let statusButtons: TIncidentStatus[] = [];
  if (triage && !closed) {
    const at = order.indexOf(status as TIncidentStatus);
    // Forward steps only: going back to an earlier open state is a reopen, which is rare.
    statusButtons = order.filter((_, i) => i > at);
  } else if (acknowledge && status === "new") {
    statusButtons = ["acknowledged"];
  }
  return {
    statusButtons: statusButtons.map((s) => ({ status: s, label: ACTION_LABELS[s]! })),
    canAssign: triage,
    canMarkFalsePositive: triage && !closed,
    canReopen: triage && closed,
    canComment: permissions.includes("incident.comment"),
    acknowledgeNeedsComment: !triage && acknowledge,
  };
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as TIncidentStatus] ?? status;
}
