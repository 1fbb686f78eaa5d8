import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findIncident } from "@/lib/db/incidents-read";
import { tickRunbookStep } from "@/lib/runbooks/incident-runbook";

/** Ticks a runbook step done (or not); ticking "isolate" contains the incident. Audited. */
export const PATCH = route({
  permission: "incident.triage",
  params: z.object({ id: z.string().min(1).max(64), stepId: z.string().min(1).max(300) }),
  body: z.object({ done: z.boolean() }).strict(),
  handler: async ({ req, actor, params, body, ip }) => {
    const row = await findIncident(params.id, scopeOf(actor));
    if (!row) throw notFound("incident");
    return tickRunbookStep(row, actor, req.nextUrl.origin, params.stepId, body.done, ip);
  },
});
