import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { listCurrentWorkloads } from "@/lib/db/workloads";
import { decodeWorkloadCursor, encodeWorkloadCursor, presentWorkload } from "@/lib/snapshots/present-workload";

const ZWorkloadQuery = z.object({
  cluster: z.string().max(63).optional(),
  namespace: z.string().max(253).optional(),
  team: z.string().max(63).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

export const GET = route({
  permission: "workload.read",
  query: ZWorkloadQuery,
  handler: async ({ actor, query }) => {
    const after = query.cursor ? decodeWorkloadCursor(query.cursor) : undefined;
    if (after === null) throw badRequest("query.cursor: not a cursor this API returned");
    const rows = await listCurrentWorkloads({ cluster: query.cluster, namespace: query.namespace, team: query.team, q: query.q || undefined, limit: query.limit, after }, scopeOf(actor));
    return {
      items: await Promise.all(rows.map(presentWorkload)),
      nextCursor: rows.length === query.limit ? encodeWorkloadCursor(rows[rows.length - 1]) : null,
    };
  },
});
