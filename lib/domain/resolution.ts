// How an alert's pod was matched to its workload (DESIGN.md "Resolution of an alert's pod"),
// stored on the incident as `resolvedBy` and shown on it.
export const RESOLVED_BY = ["pod", "sensor", "controller_name", "labels", "manual", "not_in_inventory"] as const;
export type TResolvedBy = (typeof RESOLVED_BY)[number];

/** An analyst's verdict on an incident, with who gave it and when. */
export interface TDisposition {
  verdict: "true_positive" | "false_positive" | "benign";
  /** how the case ended: contained, no action needed, other */
  outcome?: "contained" | "no_action_needed" | "other";
  reason: string;
  /** the e-mail of who gave it (or the token's name) */
  by?: string;
  /** their display name, added when the record is read (not stored) */
  byName?: string | null;
  at?: string;
}

/** A developer's escalation of an incident of their team: who, when, and why, until an analyst clears it. */
export interface TEscalation {
  note: string;
  /** the escalating person's name (or the token's label) */
  by: string;
  byId: string;
  /** ISO time */
  at: string;
}
