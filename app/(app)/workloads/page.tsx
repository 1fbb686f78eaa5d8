import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { WorkloadTable } from "@/components/workloads/workload-table";

export const metadata: Metadata = { title: "Workloads" };

function one(v: string | string[] | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export default async function WorkloadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("workload.read");
  const p = await searchParams;
  return (
    <>
      <PageHeader
        title="Workloads"
        description="Every workload ranked by its blast radius: the sensitive assets its identity, node and network can reach."
      />
      <WorkloadTable filters={{ cluster: one(p.cluster), namespace: one(p.namespace), team: one(p.team) }} />
    </>
  );
}
