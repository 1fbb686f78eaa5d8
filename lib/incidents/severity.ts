// Severity order and the factor an incident's score takes from its worst alert (DESIGN.md "Incident").
export const SEVERITY_ORDER = ["debug", "informational", "notice", "warning", "error", "critical", "alert", "emergency"] as const;
export type TSeverityName = (typeof SEVERITY_ORDER)[number];

export function severityRank(s: string): number {
  const i = SEVERITY_ORDER.indexOf(s as TSeverityName);
  return i < 0 ? 0 : i;
}

export const SEVERITY_FACTOR_BY_NAME: Record<TSeverityName, number> = {
  emergency: 1,
  alert: 1,
  critical: 1,
  error: 0.8,
  warning: 0.6,
  notice: 0.4,
  informational: 0.2,
  debug: 0.1,
};

export const EVIDENCE_BOOST = 1.5;
