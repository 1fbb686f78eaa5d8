import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { scopeOf } from "@/lib/auth/scope";
import { findIncident } from "@/lib/db/incidents-read";
import { IncidentView } from "@/components/incidents/incident-view";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("incident.read");
  const { id } = await params;
  // An incident outside the caller's teams does not exist for them (404, not 403).
  const row = id.length <= 64 ? await findIncident(id, scopeOf(actor)) : null;
  if (!row) notFound();
  // a merged incident's link leads to the one it was merged into
  if (row.id !== id) redirect(`/incidents/${encodeURIComponent(row.id)}`);
  return <IncidentView id={row.id} me={{ id: actor.id, permissions: ROLE_PERMISSIONS[actor.role] }} />;
}
