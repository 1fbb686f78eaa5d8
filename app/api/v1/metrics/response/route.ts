import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { responseMetrics } from "@/lib/db/response-metrics";

const ZQuery = z.object({
  groupBy: z.enum(["team", "tier"]).default("team"),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const GET = route({
  permission: "incident.read",
  query: ZQuery,
  handler: async ({ actor, query }) => {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) throw badRequest("query.from: must be before query.to");
    const rows = await responseMetrics(query.groupBy, from, to, scopeOf(actor));
    return { groupBy: query.groupBy, from: from.toISOString(), to: to.toISOString(), groups: rows };
  },
});
