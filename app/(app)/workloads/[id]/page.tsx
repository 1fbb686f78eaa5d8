import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { scopeOf } from "@/lib/auth/scope";
import { findWorkload } from "@/lib/db/workloads";
import { WorkloadView } from "@/components/workloads/workload-view";

export const metadata: Metadata = { title: "Workload" };

export default async function WorkloadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("workload.read");
  const { id } = await params;
  // A workload outside the caller's teams does not exist for them (404, not 403).
  const row = id.length <= 64 ? await findWorkload(id, scopeOf(actor)) : null;
  if (!row) notFound();
  return <WorkloadView id={row.id} />;
}
