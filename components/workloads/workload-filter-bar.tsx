"use client";
// Search and filters of the workloads page, kept in the URL so a filtered list can be shared.
import { useEffect, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Search } from "lucide-react";
import type { TWorkloadFilters } from "@/lib/queries/workloads";
import { Select, TextInput } from "../ui/field";

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
      <div className="flex w-72 flex-col gap-1">
        <label htmlFor="workloads-q" className="text-[11px] font-medium uppercase tracking-wide text-muted">
          Search
        </label>
        <div className="relative">
          <Search className="pointer-events-none absolute left-2 top-1/2 h-3.5 w-3.5 -translate-y-1/2 text-muted" aria-hidden />
          <TextInput id="workloads-q" type="search" value={q} placeholder="Workload name or kind" onChange={(e) => setQ(e.target.value)} className="py-1 pl-7" />
        </div>
      </div>
      {select("cluster", "Cluster", facets.clusters, "Any")}
      {select("namespace", "Namespace", facets.namespaces, "Any")}
      {select("team", "Team", facets.teams, "Any team")}
    </div>
  );
}
