import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Workloads" };

export default async function WorkloadsPage() {
  await requireActor("workload.read");
  return (
    <>
      <PageHeader title="Workloads" description="Every workload with its blast radius: what its identity can reach." />
      <EmptyState title="No inventory yet">
        Upload a cluster inventory (<code>kubectl get … -A -o json</code>) to <code>/api/v1/inventory?cluster=NAME</code>{" "}
        to see each workload&apos;s reachable assets.
      </EmptyState>
    </>
  );
}
