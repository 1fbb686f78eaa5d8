import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { cachedResponseMetrics } from "@/lib/db/response-metrics";
import { csvResponse } from "@/lib/export/csv";
import { responseCsv } from "@/lib/export/exports";

const ZQuery = z.object({
  groupBy: z.enum(["team", "tier"]).default("team"),
  /** an instant, or a day (UTC midnight) */
  from: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  to: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});

export const GET = route({
  permission: "incident.read",
  query: ZQuery,
  handler: async ({ actor, query }) => {
    // by default up to the end of the current minute: every request of a minute shares one answer (and its cache entry)
    const to = query.to ? new Date(query.to) : new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    // twelve weeks by default: enough for a trend
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 84 * 86_400_000);
    if (from >= to) throw badRequest("query.from: must be before query.to");
    const rows = await cachedResponseMetrics(query.groupBy, from, to, scopeOf(actor));
    if (query.format === "csv") return csvResponse(`response-times-by-${query.groupBy}`, responseCsv(rows));
    return { groupBy: query.groupBy, from: from.toISOString(), to: to.toISOString(), groups: rows };
  },
});
