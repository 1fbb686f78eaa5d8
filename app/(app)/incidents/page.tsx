import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/current-user";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await requireActor("incident.read");
  return (
    <>
      <PageHeader title="Incidents" description="Ranked by the sensitive assets the affected workload can reach." />
      <EmptyState title="No incidents yet">
        Incidents open when a sensor sends alerts. Create an <strong>ingest</strong> token under Settings → API tokens and
        point Falco&apos;s <code>http_output</code> at <code>/api/v1/alerts/falco?cluster=NAME</code>.
      </EmptyState>
    </>
  );
}
