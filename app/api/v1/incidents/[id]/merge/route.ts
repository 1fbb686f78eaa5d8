import { z } from "zod";
import { route } from "@/lib/api/handler";
import { mergeIncidents } from "@/lib/incidents/merge-incidents";
import { loadIncidentRecord } from "@/lib/incidents/present-incident";

export const POST = route({
  permission: "incident.triage",
  params: z.object({ id: z.string().min(1).max(64) }),
  body: z.object({ incidentId: z.string().min(1).max(64), force: z.boolean().optional() }).strict(),
  handler: async ({ actor, params, body, ip }) => loadIncidentRecord(await mergeIncidents(actor, params.id, body.incidentId, ip, body.force ?? false)),
});
