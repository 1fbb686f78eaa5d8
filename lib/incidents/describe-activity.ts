// An audit entry of an incident in words, for the activity feed.
import { formatMinutes } from "../ownership/format-minutes";
import { statusLabel } from "./triage-actions";

export interface TActivityLike {
  action: string;
  details: Record<string, unknown> | null;
}

export interface TActivityText {
  /** "changed status from New to Contained" */
  summary: string;
  /** free text the user wrote (comment, disposition reason), shown as a quote */
  quote: string | null;
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export function describeActivity({ action, details }: TActivityLike): TActivityText {
  const d = details ?? {};
  switch (action) {
    case "incident.status":
      return { summary: `changed status from ${statusLabel(String(d.from))} to ${statusLabel(String(d.to))}`, quote: null };
    case "incident.assign": {
      const to = str(d.toName) ?? str(d.to);
      const from = str(d.fromName) ?? str(d.from);
      return { summary: to ? `assigned it to ${to}` : `unassigned it${from ? ` (was ${from})` : ""}`, quote: null };
    }
    case "incident.comment":
      return { summary: "commented", quote: str(d.text) };
    case "incident.disposition":
      return { summary: `set the verdict: ${String(d.verdict ?? "unknown").replace(/_/g, " ")}`, quote: str(d.reason) };
    case "incident.workload_resolved": {
      if (d.resolvedBy === "manual") return { summary: `put it on ${String(d.to)} (was ${String(d.from)})`, quote: str(d.reason) };
      const how = d.resolvedBy === "controller_name" ? "by the name of the controller that made its pod" : d.resolvedBy === "pod" ? "by its pod" : "";
      const corrected = str(d.was) ? `; the earlier match by ${String(d.was).replace(/_/g, " ")} was wrong` : "";
      return { summary: `a new inventory matched it to ${String(d.to)}${how ? ` ${how}` : ""} (was ${String(d.from)}${corrected})`, quote: null };
    }
    case "incident.workload_confirmed":
      return { summary: `a new inventory lists its pod under ${String(d.workload)}: the match by ${String(d.was ?? "inference").replace(/_/g, " ")} is confirmed`, quote: null };
    case "incident.merge":
      return { summary: `merged incident ${String(d.merged)} into this one`, quote: null };
    case "incident.merged_into":
      return { summary: `merged into incident ${String(d.into)}`, quote: null };
    case "incident.escalate":
      return { summary: "escalated it to the SOC", quote: str(d.note) };
    case "incident.escalation_cleared":
      return { summary: "cleared the escalation", quote: str(d.note) };
    case "incident.runbook_step":
      return { summary: `${d.done ? "ticked" : "unticked"} runbook step “${String(d.title ?? d.stepId)}”`, quote: null };
    case "incident.sla_breach":
      return { summary: `missed its SLA: not ${d.kind === "contain" ? "contained" : "acknowledged"} within ${formatMinutes(Number(d.targetMinutes))} (${String(d.tier)} tier)`, quote: null };
    default:
      return { summary: action, quote: null };
  }
}
