import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findIncident } from "@/lib/db/incidents-read";
import { incidentActivity } from "@/lib/incidents/incident-activity";

export const GET = route({
  permission: "incident.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ actor, params }) => {
    const row = await findIncident(params.id, scopeOf(actor));
    if (!row) throw notFound("incident");
    return incidentActivity(row.id, scopeOf(actor));
  },
});
