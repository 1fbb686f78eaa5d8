import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findIncident } from "@/lib/db/incidents-read";
import { ZIncidentPatch } from "@/lib/incidents/incidents.types";
import { loadIncidentRecord } from "@/lib/incidents/present-incident";
import { incidentDetail } from "@/lib/incidents/incident-detail";
import { updateIncident } from "@/lib/incidents/update-incident";

const ZParams = z.object({ id: z.string().min(1).max(64) });

export const GET = route({
  permission: "incident.read",
  params: ZParams,
  query: z.object({ snapshot: z.enum(["alert", "latest"]).default("alert") }),
  handler: async ({ actor, params, query }) => {
    const row = await findIncident(params.id, scopeOf(actor));
    if (!row) throw notFound("incident");
    return incidentDetail(row, query.snapshot, scopeOf(actor));
  },
});

export const PATCH = route({
  permission: "incident.read",
  params: ZParams,
  body: ZIncidentPatch,
  handler: async ({ actor, params, body, ip }) => loadIncidentRecord(await updateIncident(actor, params.id, body, ip)),
});
