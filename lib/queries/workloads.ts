// Query keys and fetchers for workloads.
import { apiFetch } from "./api-client";

export interface TReachableItem {
  asset: string;
  type: string;
  sensitivity: "critical" | "high" | "medium" | "low";
  cost: number;
  path: { from: string; edge: string; to: string }[];
}

export interface TWorkloadItem {
  /** stable across snapshots */
  id: string;
  cluster: string;
  snapshotId: string;
  /** false when the workload is gone from the current inventory */
  current: boolean;
  team: string | null;
  workload: string;
  kind: string;
  namespace: string;
  name: string;
  pods: string[];
  score: number;
  breakdown: { tier: string; count: number; nearestCost: number | null; chance: number; contribution: number }[];
  reachableCounts: Record<string, number>;
  reachable: TReachableItem[];
}

export interface TWorkloadFilters {
  cluster?: string;
  namespace?: string;
  team?: string;
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
    queryFn: () => apiFetch<TWorkloadItem>(`/api/v1/workloads/${encodeURIComponent(id)}`),
    retry: false,
    refetchOnWindowFocus: false,
  }),
};
