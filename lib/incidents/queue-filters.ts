// The queue's filters as they live in the page URL (shareable) and as the incidents API wants
// them. The URL leaves defaults out: no `status` means the open incidents.
import { SEVERITY_BY_RANK } from "../alerts/severity";
import type { TSeverity } from "../alerts/types";

export interface TQueueFilters {
  /** comma-separated statuses, "all", or undefined for the open ones */
  status?: string;
  /** comma-separated severities */
  severity?: string;
  team?: string;
  namespace?: string;
  cluster?: string;
  tactic?: string;
  q?: string;
  reachesCritical?: boolean;
  /** open incidents whose SLA clock is "breached" or "at-risk" */
  sla?: string;
  /** incidents on workloads with an active accepted risk: "hide" or "only" (shown by default) */
  accepted?: string;
  /** incidents a developer escalated: "only" or "hide" (shown by default) */
  escalated?: string;
}

/** The values the filters offer (lib/db/incident-facets reads them). */
export interface TIncidentFacets {
  clusters: string[];
  namespaces: string[];
  teams: string[];
  tactics: string[];
}

export const OPEN_STATUSES = ["new", "acknowledged", "investigating", "contained"] as const;
export const ALL_STATUSES = "all";

const TEXT_KEYS = ["status", "severity", "team", "namespace", "cluster", "tactic", "q", "sla", "accepted", "escalated"] as const;

type TParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(source: TParamSource, key: string): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(key) : source[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 200) : undefined;
}

export function parseQueueFilters(source: TParamSource): TQueueFilters {
  const filters: TQueueFilters = {};
  for (const key of TEXT_KEYS) {
    const v = read(source, key);
    if (v !== undefined) filters[key] = v;
  }
  const critical = read(source, "reachesCritical");
  if (critical === "1" || critical === "true") filters.reachesCritical = true;
  return filters;
}

/** The page's query string: only what differs from the defaults, in a stable order. */
export function queueSearchParams(filters: TQueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) {
    const v = filters[key]?.trim();
    if (v) params.set(key, v);
  }
  if (filters.reachesCritical) params.set("reachesCritical", "1");
  return params;
}

/** The incidents API's query string for these filters (status defaults to the open ones). */
export function incidentListParams(filters: TQueueFilters): URLSearchParams {
  const params = queueSearchParams(filters);
  const status = filters.status?.trim();
  if (!status) params.set("status", OPEN_STATUSES.join(","));
  else if (status === ALL_STATUSES) params.delete("status");
  if (filters.reachesCritical) params.set("reachesCritical", "true");
  return params;
}

export function hasActiveFilters(filters: TQueueFilters): boolean {
  return queueSearchParams(filters).size > 0;
}

/** "this severity or worse", as the comma-separated list the API takes. */
export function severityAtLeast(severity: TSeverity): string {
  return SEVERITY_BY_RANK.slice(SEVERITY_BY_RANK.indexOf(severity)).reverse().join(",");
}

export const SEVERITY_PRESETS: { value: string; label: string }[] = [
  { value: "", label: "Any severity" },
  { value: severityAtLeast("critical"), label: "Critical or worse" },
  { value: severityAtLeast("error"), label: "Error or worse" },
  { value: severityAtLeast("warning"), label: "Warning or worse" },
  { value: severityAtLeast("notice"), label: "Notice or worse" },
];

export const STATUS_PRESETS: { value: string; label: string }[] = [
  { value: "", label: "Open" },
  { value: "new", label: "New" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "investigating", label: "Investigating" },
  { value: "contained", label: "Contained" },
  { value: "resolved", label: "Resolved" },
  { value: "false_positive", label: "False positive" },
  { value: "resolved,false_positive", label: "Closed" },
  { value: ALL_STATUSES, label: "All" },
];
