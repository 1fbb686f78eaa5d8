import { Suspense } from "react";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { scopeOf } from "@/lib/auth/scope";
import { incidentFacets } from "@/lib/db/incident-facets";
import { PageHeader } from "@/components/layout/page-header";
import { IncidentQueue } from "@/components/incidents/incident-queue";
import { QueueLoading } from "@/components/incidents/queue-states";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const actor = await requireActor("incident.read");
  const facets = await incidentFacets(scopeOf(actor));
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Ranked by the sensitive assets the affected workload can reach — its blast radius — times alert severity and evidence."
      />
      <Suspense fallback={<QueueLoading />}>
        <IncidentQueue me={{ id: actor.id, permissions: ROLE_PERMISSIONS[actor.role] }} facets={facets} />
      </Suspense>
    </>
  );
}
