import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { scopeOf } from "@/lib/auth/scope";
import { findWorkload, stableIdOfRow } from "@/lib/db/workloads";
import { isStableWorkloadId } from "@/lib/snapshots/workload-id";
import { WorkloadView } from "@/components/workloads/workload-view";

export const metadata: Metadata = { title: "Workload" };

export default async function WorkloadPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("workload.read");
  const { id } = await params;
  const scope = scopeOf(actor);
  // A workload outside the caller's teams does not exist for them (404, not 403).
  if (!isStableWorkloadId(id)) {
    const stable = id.length <= 64 ? await stableIdOfRow(id, scope) : null;
    if (!stable) notFound();
    permanentRedirect(`/workloads/${encodeURIComponent(stable)}`);
  }
  const row = await findWorkload(id, scope);
  if (!row) notFound();
  return <WorkloadView id={row.stableId} me={{ id: actor.userId ?? actor.id, canAccept: can(actor, "risk.accept") }} />;
}
