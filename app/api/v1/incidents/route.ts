import { route } from "@/lib/api/handler";
import { badRequest } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { listIncidents } from "@/lib/db/incidents-read";
import { ZIncidentListQuery } from "@/lib/incidents/incidents.types";
import { decodeIncidentCursor, encodeIncidentCursor, loadIncidentItems } from "@/lib/incidents/present-incident";
import { csvResponse } from "@/lib/export/csv";
import { EXPORT_MAX_ROWS, incidentsCsv } from "@/lib/export/exports";
import type { TScope } from "@/lib/auth/scope";

/** Every incident the filters match, page after page, up to the export limit. */
async function allIncidentItems(filter: Parameters<typeof listIncidents>[0], scope: TScope) {
  const items = [];
  let after = filter.after;
  while (items.length < EXPORT_MAX_ROWS) {
    const rows = await listIncidents({ ...filter, after, limit: 500 }, scope);
    items.push(...(await loadIncidentItems(rows)));
    if (rows.length < 500) break;
    after = decodeIncidentCursor(encodeIncidentCursor(rows[rows.length - 1]))!;
  }
  return items.slice(0, EXPORT_MAX_ROWS);
}

export const GET = route({
  permission: "incident.read",
  query: ZIncidentListQuery,
  handler: async ({ actor, query }) => {
    const after = query.cursor ? decodeIncidentCursor(query.cursor) : undefined;
    if (after === null) throw badRequest("query.cursor: not a cursor this API returned");
    if (query.format === "csv") return csvResponse("incidents", incidentsCsv(await allIncidentItems({ ...query, after }, scopeOf(actor))));
    const rows = await listIncidents({ ...query, after }, scopeOf(actor));
    return {
      items: await loadIncidentItems(rows),
      nextCursor: rows.length === query.limit ? encodeIncidentCursor(rows[rows.length - 1]) : null,
    };
  },
});
