import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest, notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { countIncidentAlerts, groupIncidentAlerts, pageIncidentAlerts } from "@/lib/db/incident-alerts";
import { findIncident } from "@/lib/db/incidents-read";
import { decodeAlertCursor, encodeAlertCursor } from "@/lib/domain/alert-paging";

/**
 * An incident's alerts, newest first, a page at a time (`cursor` from the previous page's
 * `nextCursor`); with `group=true` identical alerts (same rule, process, command line and file)
 * come as one item with their count, first and last seen and the newest of them in full; with
 * `groupKey` only the alerts of that group.
 */
export const GET = route({
  permission: "incident.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  query: z.object({
    cursor: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    group: z.enum(["true", "false"]).default("false"),
    groupKey: z.string().regex(/^[0-9a-f]{32}$/, "groupKey is a group's key from group=true").optional(),
  }),
  handler: async ({ actor, params, query }) => {
    const row = await findIncident(params.id, scopeOf(actor));
    if (!row) throw notFound("incident");
    const cursor = query.cursor ? decodeAlertCursor(query.cursor) : undefined;
    const fits = !cursor || (query.group === "true" ? /^[0-9a-f]{32}$/ : /^\d{1,19}$/).test(cursor.k);
    if (cursor === null || !fits) throw badRequest("cursor is not a cursor from this list: pass nextCursor as it came", { field: "cursor" });
    if (query.group === "true" && query.groupKey) throw badRequest("groupKey lists one group's alerts: leave out group=true with it", { field: "groupKey" });
    const totals = await countIncidentAlerts(row.id);
    const summary = { total: totals.alerts, groups: totals.groups, firstSeen: totals.first, lastSeen: totals.last };
    if (query.group === "true") {
      const groups = await groupIncidentAlerts(row.id, { limit: query.limit + 1, after: cursor });
      const page = groups.slice(0, query.limit);
      const last = page.at(-1);
      return {
        ...summary,
        items: page.map((g) => ({
          key: g.groupKey,
          rule: g.latest.rule,
          severity: g.latest.severity,
          process: g.latest.procName,
          cmdline: g.latest.procCmdline,
          file: g.latest.file,
          count: g.count,
          firstSeen: g.firstSeen,
          lastSeen: g.lastSeen,
          latest: g.latest,
        })),
        nextCursor: groups.length > query.limit && last ? encodeAlertCursor({ t: last.cursorTime, k: last.groupKey }) : null,
      };
    }
    const alerts = await pageIncidentAlerts(row.id, { limit: query.limit + 1, before: cursor, groupKey: query.groupKey });
    const page = alerts.slice(0, query.limit);
    const last = page.at(-1);
    return {
      ...summary,
      items: page.map((a) => {
        const { cursorTime, ...alert } = a;
        void cursorTime;
        return alert;
      }),
      nextCursor: alerts.length > query.limit && last ? encodeAlertCursor({ t: last.cursorTime, k: last.id }) : null,
    };
  },
});
