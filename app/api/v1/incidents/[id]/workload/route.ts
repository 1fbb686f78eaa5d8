import { z } from "zod";
import { route } from "@/lib/api/handler";
import { correctIncidentWorkload } from "@/lib/incidents/correct-workload";
import { loadIncidentRecord } from "@/lib/incidents/present-incident";

/** An analyst puts the incident on the workload it belongs to: {workload: "Deployment/payments/api", reason?}. */
export const POST = route({
  permission: "incident.triage",
  params: z.object({ id: z.string().min(1).max(64) }),
  body: z
    .object({
      workload: z.string().regex(/^[A-Za-z]+\/[a-z0-9.-]{1,253}\/[A-Za-z0-9._:-]{1,253}$/, "must be a workload key <Kind>/<namespace>/<name>"),
      reason: z.string().trim().min(1).max(2000).optional(),
    })
    .strict(),
  handler: async ({ actor, params, body, ip }) => loadIncidentRecord(await correctIncidentWorkload(actor, params.id, body, ip)),
});
