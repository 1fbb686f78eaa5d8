import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { MyWorkloads } from "@/components/workloads/my-workloads";

export const metadata: Metadata = { title: "My workloads" };

export default async function MyWorkloadsPage() {
  const actor = await requireActor("workload.read");
  return (
    <>
      <PageHeader
        title={actor.role === "developer" ? "My workloads" : "Workloads by team"}
        description="Your teams' workloads ranked by blast radius, each with the one change that cuts most and the cheapest set of changes that leaves no path to a critical asset."
      />
      <MyWorkloads />
    </>
  );
}
