// Input shapes of the incident API.
import { z } from "zod";
import { SEVERITIES } from "../alerts/severity";

import { INCIDENT_STATUSES } from "../domain/incident-status";
export { CLOSED_STATUSES, INCIDENT_STATUSES, type TIncidentStatus } from "../domain/incident-status";

const csv = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const parts = v.split(",").map((s) => s.trim()).filter(Boolean);
      const bad = parts.filter((p) => !(values as readonly string[]).includes(p));
      if (bad.length) ctx.addIssue({ code: "custom", message: `unknown ${field} ${bad.join(", ")}; one of ${values.join(", ")}` });
      return parts as T[number][];
    });

export const ZIncidentListQuery = z.object({
  status: csv(INCIDENT_STATUSES, "status"),
  severity: csv(SEVERITIES, "severity"),
  team: z.string().max(63).optional(),
  namespace: z.string().max(253).optional(),
  cluster: z.string().max(63).optional(),
  tactic: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
  reachesCritical: z.enum(["true", "false", "1", "0"]).optional().transform((v) => v === "true" || v === "1"),
  /** open incidents whose SLA clock is past its target, or past 80 % of it */
  sla: z.enum(["breached", "at-risk"]).optional(),
  /** incidents whose workload has an active accepted risk: shown (default), hidden, or only they */
  accepted: z.enum(["show", "hide", "only"]).optional(),
  /** incidents a developer escalated: shown (default), hidden, or only they */
  escalated: z.enum(["show", "hide", "only"]).optional(),
  /** csv: every matching incident (up to 10,000) as a spreadsheet-safe CSV download */
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type TIncidentListQuery = z.infer<typeof ZIncidentListQuery>;

export const DISPOSITION_OUTCOMES = ["contained", "no_action_needed", "other"] as const;

export const ZIncidentPatch = z
  .object({
    status: z.enum(INCIDENT_STATUSES).optional(),
    assigneeId: z.string().min(1).max(64).nullable().optional(),
    comment: z.string().trim().min(1).max(10_000).optional(),
    disposition: z
      .object({
        verdict: z.enum(["true_positive", "false_positive", "benign"]),
        /** how the case ended (a duplicate is merged instead, POST /incidents/{id}/merge) */
        outcome: z.enum(DISPOSITION_OUTCOMES).optional(),
        reason: z.string().trim().min(1, "a reason is required").max(2000),
      })
      .optional(),
    /** escalate with a note (who may acknowledge), or null to clear the escalation (who may triage) */
    escalation: z
      .object({ note: z.string().trim().min(3, "say why you escalate (e.g. “not us: nothing of ours runs nc”)").max(2000) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "send at least one of status, assigneeId, comment, disposition, escalation");
export type TIncidentPatch = z.infer<typeof ZIncidentPatch>;
