import { route } from "@/lib/api/handler";
import { badRequest } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { listIncidents } from "@/lib/db/incidents-read";
import { ZIncidentListQuery } from "@/lib/incidents/incidents.types";
import { decodeIncidentCursor, encodeIncidentCursor, loadIncidentItems } from "@/lib/incidents/present-incident";

export const GET = route({
  permission: "incident.read",
  query: ZIncidentListQuery,
  handler: async ({ actor, query }) => {
    const after = query.cursor ? decodeIncidentCursor(query.cursor) : undefined;
    if (after === null) throw badRequest("query.cursor: not a cursor this API returned");
    const rows = await listIncidents({ ...query, after }, scopeOf(actor));
    return {
      items: await loadIncidentItems(rows),
      nextCursor: rows.length === query.limit ? encodeIncidentCursor(rows[rows.length - 1]) : null,
    };
  },
});
