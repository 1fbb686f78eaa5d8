// The incident statuses (DESIGN.md "Incident"): a leaf every layer may import, storage included.
export const INCIDENT_STATUSES = ["new", "acknowledged", "investigating", "contained", "resolved", "false_positive"] as const;
export type TIncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** Statuses that close an incident: the one definition (triage, re-scoring, correlation, snapshot retention). */
export const CLOSED_STATUSES: readonly TIncidentStatus[] = ["resolved", "false_positive"];
