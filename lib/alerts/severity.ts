// Severities (Falco's priority names) and the factor each contributes to an incident's score
// (DESIGN.md "Incident": emergency/alert/critical 1.0 … debug 0.1).
import { AlertParseError, describeType } from "./alert-parse-error";
import type { TSeverity } from "./types";

/** Most severe first: the one list of severities (alerts, incidents, queue filters). */
export const SEVERITIES = ["emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"] as const satisfies readonly TSeverity[];

/** Least severe first: rank r is SEVERITY_BY_RANK[r]; an incident's rank orders the queue after its score. */
export const SEVERITY_BY_RANK: readonly TSeverity[] = [...SEVERITIES].reverse();

/** debug 0 … emergency 7; an unknown name ranks lowest. */
export function severityRank(s: string): number {
  const i = SEVERITY_BY_RANK.indexOf(s as TSeverity);
  return i < 0 ? 0 : i;
}

export const SEVERITY_FACTOR: Record<TSeverity, number> = {
  emergency: 1.0,
  alert: 1.0,
  critical: 1.0,
  error: 0.8,
  warning: 0.6,
  notice: 0.4,
  informational: 0.2,
  debug: 0.1,
};

// Falco writes "Informational" in JSON and "INFO" in rule files; syslog spells some shorter.
const ALIASES: Record<string, TSeverity> = {
  emergency: "emergency",
  emerg: "emergency",
  alert: "alert",
  critical: "critical",
  crit: "critical",
  error: "error",
  err: "error",
  warning: "warning",
  warn: "warning",
  notice: "notice",
  informational: "informational",
  info: "informational",
  debug: "debug",
};

// Policy tags of other tools rate on a four-step scale.
const FOUR_STEP: Record<string, TSeverity> = { high: "error", medium: "warning", low: "notice" };

/** Maps a Falco priority in any case ("Warning", "WARN", "info") to a severity. */
export function severityFromFalcoPriority(p: unknown): TSeverity {
  if (typeof p !== "string") throw new AlertParseError("priority", `expected a string, got ${describeType(p)}`);
  const key = p.trim().toLowerCase();
  const severity = Object.hasOwn(ALIASES, key) ? ALIASES[key] : null;
  if (severity === null) throw new AlertParseError("priority", `unknown priority ${JSON.stringify(p.slice(0, 40))}`);
  return severity;
}

/** A severity word of a policy tag, or null; besides Falco's names it accepts high/medium/low. */
export function lookupSeverity(word: string): TSeverity | null {
  const key = word.trim().toLowerCase();
  if (key.length > 20) return null;
  return (Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined) ?? (Object.hasOwn(FOUR_STEP, key) ? FOUR_STEP[key] : undefined) ?? null;
}

/** The most severe of a policy's tags shaped "severity:high", "severity=critical" or "severity.warning". */
export function severityFromTags(tags: readonly string[]): TSeverity | null {
  let best: TSeverity | null = null;
  for (const tag of tags) {
    const match = /^severity[:=.\/]\s*([A-Za-z]+)$/i.exec(tag.trim());
    const severity = match ? lookupSeverity(match[1]) : null;
    if (severity !== null && (best === null || severityRank(severity) > severityRank(best))) best = severity;
  }
  return best;
}
