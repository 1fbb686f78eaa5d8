// Query keys and fetchers for workloads.
import type { TJsonOf } from "../api/json-of";
import type { presentWorkload } from "../snapshots/present-workload";
import type { workloadDetail } from "../ownership/workload-detail";
import type { TWorkloadFixes } from "../remediation/workload-fixes";
import type { TChokePoints } from "../remediation/choke-points";
import { apiFetch } from "./api-client";

/** a workload (GET /api/v1/workloads, /api/v1/workloads/{id}): the presenter's JSON, derived (lib/api/json-of.ts) */
export type TWorkloadItem = TJsonOf<Awaited<ReturnType<typeof presentWorkload>>>;
export type TReachableItem = TWorkloadItem["reachable"][number];
/** one workload (GET /api/v1/workloads/{id}): with its active accepted risks */
export type TWorkloadDetail = TJsonOf<Awaited<ReturnType<typeof workloadDetail>>>;
export type TAcceptedRiskItem = TWorkloadDetail["acceptedRisks"][number];

/** GET /api/v1/workloads/{id}/fixes */
export type TWorkloadFixesItem = TJsonOf<TWorkloadFixes & { workloadId: string; cluster: string; snapshotId: string }>;
export type TWhatIfItem = TWorkloadFixesItem["whatIf"][number];
export type TMinimalCutItem = TWorkloadFixesItem["minimalCuts"][number];

/** GET /api/v1/clusters/{name}/choke-points */
export type TChokePointsItem = TJsonOf<TChokePoints & { cluster: string; snapshotId: string }>;
type TChokePointJson = TChokePointsItem["points"][number];
export type TChokePointItem = Omit<TChokePointJson, "workloads"> & { workloads: (TChokePointJson["workloads"][number] & { workloadId: string })[] };

export interface TWorkloadFilters {
  cluster?: string;
  namespace?: string;
  team?: string;
  q?: string;
}

export const workloadQueries = {
  list: (filters: TWorkloadFilters) => ({
    queryKey: ["workloads", "list", filters],
    queryFn: ({ pageParam }: { pageParam: string | null }) => {
      const q = new URLSearchParams({ limit: "50" });
      for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
      if (pageParam) q.set("cursor", pageParam);
      return apiFetch<{ items: TWorkloadItem[]; nextCursor: string | null }>(`/api/v1/workloads?${q}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
  }),
  detail: (id: string) => ({
    queryKey: ["workloads", "detail", id],
    queryFn: () => apiFetch<TWorkloadDetail>(`/api/v1/workloads/${encodeURIComponent(id)}`),
    retry: false,
    refetchOnWindowFocus: false,
  }),
  chokePoints: (cluster: string) => ({
    queryKey: ["choke-points", cluster],
    queryFn: () => apiFetch<Omit<TChokePointsItem, "points"> & { points: TChokePointItem[] }>(`/api/v1/clusters/${encodeURIComponent(cluster)}/choke-points?limit=200`),
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: 5 * 60_000,
  }),
  fixes: (id: string) => ({
    queryKey: ["workloads", "fixes", id],
    queryFn: () => apiFetch<TWorkloadFixesItem>(`/api/v1/workloads/${encodeURIComponent(id)}/fixes`),
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  }),
};
