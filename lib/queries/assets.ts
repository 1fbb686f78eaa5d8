// Query keys and fetchers for the asset pages (GET /api/v1/assets, /api/v1/assets/{id}/reachers).
import type { TJsonOf } from "../api/json-of";
import type { listAssets, vertexReachers } from "../assets/asset-views";
import { apiFetch } from "./api-client";

export type TAssetList = TJsonOf<Awaited<ReturnType<typeof listAssets>>>;
export type TAssetItem = TAssetList["items"][number];
export type TVertexReachers = TJsonOf<NonNullable<Awaited<ReturnType<typeof vertexReachers>>>>;
export type TReacherItem = TVertexReachers["items"][number];

export const assetQueries = {
  list: (cluster: string | null) => ({
    queryKey: ["assets", "list", cluster] as const,
    queryFn: () => apiFetch<TAssetList>(`/api/v1/assets${cluster ? `?cluster=${encodeURIComponent(cluster)}` : ""}`),
  }),
  reachers: (id: string, cluster: string | null) => ({
    queryKey: ["assets", "reachers", id, cluster] as const,
    queryFn: () => apiFetch<TVertexReachers>(`/api/v1/assets/${encodeURIComponent(id)}/reachers${cluster ? `?cluster=${encodeURIComponent(cluster)}` : ""}`),
    retry: false,
  }),
};
