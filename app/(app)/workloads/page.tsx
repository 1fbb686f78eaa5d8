import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { WorkloadTable } from "@/components/workloads/workload-table";
import { WorkloadFilterBar } from "@/components/workloads/workload-filter-bar";
import { scopeOf } from "@/lib/auth/scope";
import { workloadFacets } from "@/lib/db/workloads";

export const metadata: Metadata = { title: "Workloads" };

function one(v: string | string[] | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export default async function WorkloadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("workload.read");
  const p = await searchParams;
  const filters = { cluster: one(p.cluster), namespace: one(p.namespace), team: one(p.team), q: one(p.q) };
  const facets = await workloadFacets(scopeOf(actor));
  return (
    <>
      <PageHeader
        title="Workloads"
        description="Every workload ranked by its blast radius: the sensitive assets its identity, node and network can reach."
      />
      <div className="flex flex-col gap-4">
        <WorkloadFilterBar filters={filters} facets={facets} />
        <WorkloadTable filters={filters} />
      </div>
    </>
  );
}
