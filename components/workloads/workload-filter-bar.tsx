"use client";
// Search and filters of the workloads page, kept in the URL so a filtered list can be shared.
import { useEffect, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { SearchField } from "../ui/search-field";
import type { TWorkloadFilters } from "@/lib/queries/workloads";
import { Select } from "../ui/field";

type TFacets = { clusters: string[]; namespaces: string[]; teams: string[] };

export function WorkloadFilterBar({ filters, facets }: { filters: TWorkloadFilters; facets: TFacets }) {
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(filters.q ?? "");
  const go = (next: TWorkloadFilters) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    router.replace(p.size ? `${pathname}?${p}` : pathname);
  };
  useEffect(() => {
    if (q === (filters.q ?? "")) return;
    const t = setTimeout(() => go({ ...filters, q: q.trim() || undefined }), 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  const select = (key: "cluster" | "namespace" | "team", label: string, values: string[], any: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`workloads-${key}`} className="text-[11px] font-medium uppercase tracking-wide text-muted">
        {label}
      </label>
      <Select id={`workloads-${key}`} value={filters[key] ?? ""} onChange={(e) => go({ ...filters, [key]: e.target.value || undefined })} className="!w-48 py-1">
        <option value="">{any}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter workloads">
      <SearchField id="workloads-q" value={q} placeholder="Workload name or kind" onChange={setQ} />
      {select("cluster", "Cluster", facets.clusters, "Any")}
      {select("namespace", "Namespace", facets.namespaces, "Any")}
      {select("team", "Team", facets.teams, "Any team")}
    </div>
  );
}
