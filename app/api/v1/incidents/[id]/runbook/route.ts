import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findIncident } from "@/lib/db/incidents-read";
import { runbookMarkdown } from "@/lib/runbooks/build-runbook";
import { incidentRunbook } from "@/lib/runbooks/incident-runbook";

/** The containment runbook generated from the incident's pods and paths (JSON, or Markdown with format=md). */
export const GET = route({
  permission: "incident.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  query: z.object({ allowDns: z.enum(["0", "1"]).default("0"), format: z.enum(["json", "md"]).default("json") }),
  handler: async ({ req, actor, params, query }) => {
    const row = await findIncident(params.id, scopeOf(actor));
    if (!row) throw notFound("incident");
    const runbook = await incidentRunbook(row, actor, req.nextUrl.origin, { allowDns: query.allowDns === "1" });
    if (query.format === "md") {
      return new Response(runbookMarkdown(row.title, runbook.steps), {
        headers: {
          "Content-Type": "text/markdown; charset=utf-8",
          "Content-Disposition": `attachment; filename="runbook-${row.id.replace(/[^A-Za-z0-9_-]/g, "_")}.md"`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    }
    return runbook;
  },
});
