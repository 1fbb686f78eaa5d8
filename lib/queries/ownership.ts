// Query keys and fetchers for the managers' pages: ownership, its rules, response times. Types are
// the server's presenters' JSON (lib/api/json-of.ts).
import type { TJsonOf } from "../api/json-of";
import type { TOwnershipRule, TOwnershipSummary, TTeamSource } from "../db/ownership";
import type { TResponseGroup, TResponseGroupBy } from "../db/response-metrics";
import type { TSlaTarget } from "../db/sla";
import type { TPosturePoint } from "../db/posture";
import type { snapshotDiff } from "../snapshots/snapshot-diff";
import type { presentOwnershipRow } from "../ownership/present-ownership";
import type { QueryClient } from "@tanstack/react-query";
import { apiFetch } from "./api-client";

export type TOwnershipItem = TJsonOf<ReturnType<typeof presentOwnershipRow>>;
export type TOwnershipRuleItem = TJsonOf<TOwnershipRule>;
export type TResponseGroupItem = TJsonOf<TResponseGroup>;
export type TDurationItem = TResponseGroupItem["mtta"];

export interface TSlaItem {
  id: string;
  title: string;
  tier: string;
  status: string;
  cluster: string;
  namespace: string | null;
  workload: string;
  team: string | null;
  assignee: string | null;
  clock: "acknowledge" | "contain";
  dueAt: string;
  targetMinutes: number;
  /** negative when overdue */
  minutesLeft: number;
}
export type TSlaTargetItem = TJsonOf<TSlaTarget>;

export interface TOwnershipFilters {
  cluster?: string;
  namespace?: string;
  team?: string;
  source?: TTeamSource | "none";
}

export const OWNERSHIP_PAGE = 100;

export const ownershipQueries = {
  list: (filters: TOwnershipFilters, page: number) => ({
    queryKey: ["ownership", "list", filters, page] as const,
    queryFn: () => {
      const q = new URLSearchParams({ limit: String(OWNERSHIP_PAGE), offset: String(page * OWNERSHIP_PAGE) });
      for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
      return apiFetch<{ items: TOwnershipItem[]; total: number; summary: TJsonOf<TOwnershipSummary>; facets: { clusters: string[]; namespaces: string[] } }>(`/api/v1/ownership?${q}`);
    },
  }),
  rules: () => ({
    queryKey: ["ownership", "rules"] as const,
    queryFn: () => apiFetch<{ items: TOwnershipRuleItem[] }>("/api/v1/ownership/rules"),
  }),
  sla: () => ({
    queryKey: ["sla"] as const,
    queryFn: () => apiFetch<{ targets: TSlaTargetItem[]; breached: TSlaItem[]; atRisk: TSlaItem[] }>("/api/v1/sla"),
    refetchInterval: 60_000,
  }),
  posture: (cluster: string | null) => ({
    queryKey: ["metrics", "posture", cluster] as const,
    queryFn: () =>
      apiFetch<{ clusters: string[]; cluster: string | null; points: TJsonOf<TPosturePoint>[]; snapshots?: { id: string; createdAt: string; live: boolean }[] }>(
        `/api/v1/metrics/posture${cluster ? `?cluster=${encodeURIComponent(cluster)}` : ""}`,
      ),
  }),
  diff: (a: string, b: string) => ({
    queryKey: ["snapshots", "diff", a, b] as const,
    queryFn: () => apiFetch<TJsonOf<Awaited<ReturnType<typeof snapshotDiff>>>>(`/api/v1/snapshots/${encodeURIComponent(a)}/diff/${encodeURIComponent(b)}`),
    staleTime: Infinity,
  }),
  response: (groupBy: TResponseGroupBy, weeks: number) => ({
    queryKey: ["metrics", "response", groupBy, weeks] as const,
    queryFn: () => {
      // to the end of the current minute: reloads within a minute share the server's cached answer
      const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
      const from = new Date(to.getTime() - weeks * 7 * 86_400_000);
      return apiFetch<{ groupBy: TResponseGroupBy; from: string; to: string; groups: TResponseGroupItem[] }>(
        `/api/v1/metrics/response?groupBy=${groupBy}&from=${from.toISOString()}&to=${to.toISOString()}`,
      );
    },
  }),
};

export interface TOwnershipRuleBody {
  cluster: string;
  namespace: string;
  workload?: string;
  team: string;
  reason?: string;
}

export const setOwnershipRule = (body: TOwnershipRuleBody) =>
  apiFetch<{ rule: TOwnershipRuleItem; changed: number }>("/api/v1/ownership/rules", { method: "POST", body });
export const removeOwnershipRule = (id: string) =>
  apiFetch<{ rule: TOwnershipRuleItem; changed: number }>(`/api/v1/ownership/rules/${encodeURIComponent(id)}`, { method: "DELETE" });

export const setSlaTargets = (targets: { tier: string; acknowledgeMinutes: number; containMinutes: number }[]) =>
  apiFetch<{ targets: TSlaTargetItem[] }>("/api/v1/sla/targets", { method: "PUT", body: { targets } });

export type TAcceptedRiskListItem = TJsonOf<import("../ownership/accepted-risks").TAcceptedRisk>;
export type TRiskStateFilter = "active" | "expired" | "revoked" | "all";

export const acceptedRiskQueries = {
  list: (state: TRiskStateFilter) => ({
    queryKey: ["accepted-risks", state] as const,
    queryFn: () => apiFetch<{ items: TAcceptedRiskListItem[] }>(`/api/v1/accepted-risks${state === "all" ? "" : `?state=${state}`}`),
  }),
};

export interface TAcceptRiskBody {
  workloadId: string;
  edge?: { from: string; edge: string; to: string };
  ownerId: string;
  reason: string;
  expiresAt: string;
}

export const acceptRisk = (body: TAcceptRiskBody) => apiFetch<TAcceptedRiskListItem>("/api/v1/accepted-risks", { method: "POST", body });
export const renewRisk = ({ id, expiresAt }: { id: string; expiresAt: string }) =>
  apiFetch<TAcceptedRiskListItem>(`/api/v1/accepted-risks/${encodeURIComponent(id)}`, { method: "PATCH", body: { expiresAt } });
export const revokeRisk = (id: string) => apiFetch<TAcceptedRiskListItem>(`/api/v1/accepted-risks/${encodeURIComponent(id)}`, { method: "DELETE" });

/** The query keys an accepted risk changes: its lists, the workload and incident pages, the queue, posture. */
const ACCEPTED_RISK_KEYS = [["accepted-risks"], ["workloads"], ["incidents"], ["metrics", "posture"]] as const;

/** Refetches everything an accepted risk's creation, change or revocation shows on. */
export const refreshAcceptedRisks = (client: QueryClient) =>
  Promise.all(ACCEPTED_RISK_KEYS.map((queryKey) => client.invalidateQueries({ queryKey: [...queryKey] })));
