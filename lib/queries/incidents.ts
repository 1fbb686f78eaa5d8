// Query keys and fetchers for incidents: the live queue, one incident, its activity feed and
// the users it may be assigned to. Graph-bearing queries do not retry or refetch on focus.
import type { TPathGraph } from "../graph/path-graph";
import { incidentListParams, type TQueueFilters } from "../incidents/queue-filters";
import { apiFetch } from "./api-client";

export type TSensitivity = "critical" | "high" | "medium" | "low";

export interface TTierScore {
  tier: TSensitivity;
  count: number;
  nearestCost: number | null;
  chance: number;
  contribution: number;
}

export interface TScoreBreakdown {
  blastRadius: number;
  tiers: TTierScore[];
  severity: string;
  severityFactor: number;
  evidenceBoost: number;
  basis: "workload" | "not_in_inventory" | "node" | "user";
}

export interface TIncidentItem {
  id: string;
  score: number;
  scoreBreakdown: TScoreBreakdown | null;
  severity: string;
  title: string;
  status: string;
  cluster: string;
  namespace: string | null;
  workload: { id: string; kind: string; namespace: string | null; name: string };
  /** the workload's stable id: its page is /workloads/{workloadId}; null for an unknown pod, a user or a node */
  workloadId: string | null;
  notInInventory: boolean;
  /** how the alert's pod was matched to the workload (DESIGN.md "Resolution of an alert's pod") */
  resolvedBy: "pod" | "sensor" | "controller_name" | "labels" | "manual" | "not_in_inventory" | null;
  resolution: { kind: string; name: string; unseenReplicaSet?: boolean } | null;
  team: string | null;
  assignee: { id: string; name: string } | null;
  alertCount: number;
  firstSeen: string;
  lastSeen: string;
  mitreTactics: string[];
  reachableCounts: Record<TSensitivity, number>;
  reachable: { asset: string; type: string; sensitivity: TSensitivity; cost: number }[];
}

export interface TAlertEvidence {
  edge: string;
  detail: string;
  step: { from: string; edge: string; to: string } | null;
}

export interface TIncidentAlert {
  id: string;
  time: string;
  source: string;
  eventType: string | null;
  rule: string;
  severity: string;
  tags: string[];
  mitreTechniques: string[];
  mitreTactics: string[];
  hostname: string | null;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  image: string | null;
  procName: string | null;
  procCmdline: string | null;
  procParent: string | null;
  procUser: string | null;
  procPid: number | null;
  auditUser: string | null;
  peerIp: string | null;
  peerPort: number | null;
  protocol: string | null;
  file: string | null;
  output: string | null;
  raw: unknown;
  evidence: TAlertEvidence[] | null;
}

export interface TPathItem {
  asset: string;
  type: string;
  sensitivity: TSensitivity;
  cost: number;
  path: { from: string; edge: string; to: string }[];
}

export interface TIncidentDetail extends TIncidentItem {
  acknowledgedAt: string | null;
  containedAt: string | null;
  resolvedAt: string | null;
  disposition: { verdict: string; reason: string; by?: string; at?: string } | null;
  snapshot: { id: string | null; which: "alert" | "latest"; requested: "alert" | "latest"; createdAt: string | null; ageWarning: string | null };
  alerts: TIncidentAlert[];
  graph: TPathGraph;
  paths: TPathItem[];
}

export interface TActivityEntry {
  id: string;
  at: string;
  actor: { type: string; label: string };
  action: string;
  details: Record<string, unknown> | null;
}

export interface TAssignableUser {
  id: string;
  name: string;
  email: string;
  role: string;
}

export type TSnapshotChoice = "alert" | "latest";

export const LIVE_INTERVAL_MS = 10_000;
const PAGE_SIZE = 50;

export const incidentQueries = {
  all: () => ["incidents"] as const,
  list: (filters: TQueueFilters) => ({
    queryKey: ["incidents", "list", filters] as const,
    queryFn: ({ pageParam }: { pageParam: string | null }) => {
      const q = incidentListParams(filters);
      q.set("limit", String(PAGE_SIZE));
      if (pageParam) q.set("cursor", pageParam);
      return apiFetch<{ items: TIncidentItem[]; nextCursor: string | null }>(`/api/v1/incidents?${q}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
    refetchInterval: LIVE_INTERVAL_MS,
  }),
  detail: (id: string, snapshot: TSnapshotChoice = "alert") => ({
    queryKey: ["incidents", "detail", id, snapshot] as const,
    queryFn: () => apiFetch<TIncidentDetail>(`/api/v1/incidents/${encodeURIComponent(id)}?snapshot=${snapshot}`),
    retry: false,
    refetchOnWindowFocus: false,
  }),
  activity: (id: string) => ({
    queryKey: ["incidents", "activity", id] as const,
    queryFn: () => apiFetch<{ items: TActivityEntry[] }>(`/api/v1/incidents/${encodeURIComponent(id)}/activity`),
    refetchInterval: LIVE_INTERVAL_MS,
  }),
  assignable: () => ({
    queryKey: ["users", "assignable"] as const,
    queryFn: () => apiFetch<{ items: TAssignableUser[] }>("/api/v1/users/assignable"),
    staleTime: 60_000,
  }),
};

export interface TIncidentPatchBody {
  status?: string;
  assigneeId?: string | null;
  comment?: string;
  disposition?: { verdict: "true_positive" | "false_positive" | "benign"; reason: string };
}

export function patchIncident(id: string, body: TIncidentPatchBody) {
  return apiFetch<TIncidentItem>(`/api/v1/incidents/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

/** One PATCH per incident (the API has no bulk call); reports which failed and why. */
export async function patchIncidents(ids: string[], body: TIncidentPatchBody) {
  const results = await Promise.allSettled(ids.map((id) => patchIncident(id, body)));
  const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ id: ids[i], message: r.reason instanceof Error ? r.reason.message : String(r.reason) }] : []));
  return { updated: ids.length - failed.length, failed };
}
