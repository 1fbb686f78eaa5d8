import { z } from "zod";
import { route } from "@/lib/api/handler";
import { listAudit } from "@/lib/db/audit";

const ZAuditQuery = z.object({
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d{1,19}$/, "must be an audit entry id").optional(),
});

export const GET = route({
  permission: "audit.read",
  query: ZAuditQuery,
  handler: async ({ query }) => {
    const items = await listAudit({ ...query, before: query.cursor ? BigInt(query.cursor) : undefined });
    return { items, nextCursor: items.length === query.limit ? items[items.length - 1].id : null };
  },
});
