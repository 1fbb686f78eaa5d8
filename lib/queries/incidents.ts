// Query keys and fetchers for incidents: the live queue, one incident, its activity feed and
// the users it may be assigned to. Graph-bearing queries do not retry or refetch on focus.
import type { z } from "zod";
import type { TJsonOf } from "../api/json-of";
import type { listAssignableUsers } from "../db/users";
import type { incidentActivity } from "../incidents/incident-activity";
import type { incidentDetail } from "../incidents/incident-detail";
import type { ZIncidentPatch } from "../incidents/incidents.types";
import type { loadIncidentRecord, presentIncidentItem } from "../incidents/present-incident";
import type { TScoreBreakdown as TServerScoreBreakdown } from "../incidents/score-incident";
import type { TSensitivity as TInventorySensitivity } from "../inventory/types";
import { incidentListParams, type TQueueFilters } from "../incidents/queue-filters";
import { apiFetch } from "./api-client";

// The shapes below are the JSON the server's presenters produce (lib/api/json-of.ts): derived, not
// re-declared, so a field renamed or retyped on the server fails type-checking here.
export type TSensitivity = TInventorySensitivity;
export type TScoreBreakdown = TJsonOf<TServerScoreBreakdown>;
export type TTierScore = TScoreBreakdown["tiers"][number];
/** a queue item (GET /api/v1/incidents) */
export type TIncidentItem = TJsonOf<ReturnType<typeof presentIncidentItem>>;
/** one incident in full (GET /api/v1/incidents/{id}) */
export type TIncidentDetail = TJsonOf<Awaited<ReturnType<typeof incidentDetail>>>;
export type TIncidentAlert = TIncidentDetail["alerts"][number];
export type TAlertEvidence = NonNullable<TIncidentAlert["evidence"]>[number];
export type TPathItem = TIncidentDetail["paths"][number];
export type TActivityEntry = TJsonOf<Awaited<ReturnType<typeof incidentActivity>>>["items"][number];
export type TAssignableUser = TJsonOf<Awaited<ReturnType<typeof listAssignableUsers>>>[number];

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

/** the body of PATCH /api/v1/incidents/{id}, as its zod schema accepts it */
export type TIncidentPatchBody = z.input<typeof ZIncidentPatch>;

export function patchIncident(id: string, body: TIncidentPatchBody) {
  return apiFetch<TJsonOf<Awaited<ReturnType<typeof loadIncidentRecord>>>>(`/api/v1/incidents/${encodeURIComponent(id)}`, { method: "PATCH", body });
}

/** One PATCH per incident (the API has no bulk call); reports which failed and why. */
export async function patchIncidents(ids: string[], body: TIncidentPatchBody) {
  const results = await Promise.allSettled(ids.map((id) => patchIncident(id, body)));
  const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ id: ids[i], message: r.reason instanceof Error ? r.reason.message : String(r.reason) }] : []));
  return { updated: ids.length - failed.length, failed };
}

/** an incident's containment runbook (GET /api/v1/incidents/{id}/runbook) */
export type TRunbook = TJsonOf<Awaited<ReturnType<typeof import("../runbooks/incident-runbook").incidentRunbook>>>;
export type TRunbookStepItem = TRunbook["steps"][number];

export const runbookQueries = {
  get: (id: string, allowDns: boolean) => ({
    queryKey: ["incidents", "runbook", id, allowDns] as const,
    queryFn: () => apiFetch<TRunbook>(`/api/v1/incidents/${encodeURIComponent(id)}/runbook${allowDns ? "?allowDns=1" : ""}`),
  }),
};

export const tickRunbookStep = ({ id, stepId, done }: { id: string; stepId: string; done: boolean }) =>
  apiFetch<TRunbook>(`/api/v1/incidents/${encodeURIComponent(id)}/runbook/steps/${encodeURIComponent(stepId)}`, { method: "PATCH", body: { done } });

/** one stored alert as the paged alerts API gives it (GET /api/v1/incidents/{id}/alerts) */
export type TPagedAlert = TIncidentAlert & { groupKey: string };
/** identical alerts as one item (group=true) */
export type TAlertGroup = {
  key: string;
  rule: string;
  severity: string;
  process: string | null;
  cmdline: string | null;
  file: string | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
  latest: TIncidentAlert;
};
type TAlertsPage<T> = { items: T[]; nextCursor: string | null; total: number; groups: number; firstSeen: string | null; lastSeen: string | null };
export type THistogramBar = { t: string; total: number; counts: Record<string, number> };
export type TIncidentHistogram = { bucket: string; bucketSeconds: number; from: string; to: string; total: number; buckets: THistogramBar[] };
export type TQueueHistogram = Omit<TIncidentHistogram, "total"> & { by: "severity" | "rule"; series: { name: string; total: number }[] };

const ALERT_PAGE = 25;
const alertsUrl = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}/alerts`;

export const alertQueries = {
  groups: (id: string) => ({
    queryKey: ["incidents", "alerts", id, "groups"] as const,
    queryFn: ({ pageParam }: { pageParam: string | null }) =>
      apiFetch<TAlertsPage<TAlertGroup>>(`${alertsUrl(id)}?group=true&limit=${ALERT_PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
    refetchInterval: LIVE_INTERVAL_MS,
  }),
  list: (id: string, groupKey: string | null) => ({
    queryKey: ["incidents", "alerts", id, "list", groupKey] as const,
    queryFn: ({ pageParam }: { pageParam: string | null }) => {
      const q = new URLSearchParams({ limit: String(ALERT_PAGE) });
      if (groupKey) q.set("groupKey", groupKey);
      if (pageParam) q.set("cursor", pageParam);
      return apiFetch<TAlertsPage<TPagedAlert>>(`${alertsUrl(id)}?${q}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
  }),
  histogram: (id: string) => ({
    queryKey: ["incidents", "alerts", id, "histogram"] as const,
    queryFn: () => apiFetch<TIncidentHistogram>(`/api/v1/incidents/${encodeURIComponent(id)}/histogram`),
    refetchInterval: LIVE_INTERVAL_MS,
  }),
  queueHistogram: (by: "severity" | "rule", cluster: string | undefined) => ({
    queryKey: ["alerts", "histogram", by, cluster ?? null] as const,
    queryFn: () => apiFetch<TQueueHistogram>(`/api/v1/alerts/histogram?hours=24&by=${by}${cluster ? `&cluster=${encodeURIComponent(cluster)}` : ""}`),
    refetchInterval: 60_000,
  }),
};

/** Merges `others` into `survivor`, one POST each (the API merges two at a time); reports which failed and why. */
export async function mergeIncidentsInto(survivor: string, others: string[], force: boolean) {
  const failed: { id: string; message: string }[] = [];
  for (const id of others) {
    try {
      await apiFetch(`/api/v1/incidents/${encodeURIComponent(survivor)}/merge`, { method: "POST", body: { incidentId: id, ...(force ? { force: true } : {}) } });
    } catch (err) {
      failed.push({ id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { merged: others.length - failed.length, failed };
}

export type TSavedView = { id: string; name: string; query: string; createdAt: string };

export const viewQueries = {
  mine: () => ({
    queryKey: ["views"] as const,
    queryFn: () => apiFetch<{ items: TSavedView[] }>("/api/v1/views"),
    staleTime: 60_000,
  }),
};
export const saveView = (body: { name: string; query: string }) => apiFetch<TSavedView>("/api/v1/views", { method: "POST", body });
export const deleteView = (id: string) => apiFetch<{ deleted: string }>(`/api/v1/views/${encodeURIComponent(id)}`, { method: "DELETE" });
