// An incident's status as a word in a tinted frame.
import { statusLabel } from "@/lib/incidents/triage-actions";
import { Badge } from "../ui/badge";

const TONES: Record<string, "neutral" | "accent" | "ok" | "warn" | "danger"> = {
  new: "danger",
  acknowledged: "warn",
  investigating: "accent",
  contained: "ok",
  resolved: "neutral",
  false_positive: "neutral",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "neutral"}>{statusLabel(status)}</Badge>;
}
