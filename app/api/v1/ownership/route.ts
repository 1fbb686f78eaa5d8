import { z } from "zod";
import { route } from "@/lib/api/handler";
import { listOwnership, ownershipFacets, TEAM_SOURCES } from "@/lib/db/ownership";
import { presentOwnershipRow } from "@/lib/ownership/present-ownership";
import { csvResponse } from "@/lib/export/csv";
import { EXPORT_MAX_ROWS, ownershipCsv } from "@/lib/export/exports";

const ZOwnershipQuery = z.object({
  cluster: z.string().max(63).optional(),
  namespace: z.string().max(253).optional(),
  /** a team's name, or "none" for unowned workloads */
  team: z.string().max(63).optional(),
  source: z.enum([...TEAM_SOURCES, "none"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** csv: every matching workload (up to 10,000) */
  format: z.enum(["json", "csv"]).default("json"),
});

/** Every workload of the current inventories with its owner and how that was decided: unowned first, by blast radius. */
export const GET = route({
  permission: "ownership.manage",
  query: ZOwnershipQuery,
  handler: async ({ query }) => {
    if (query.format === "csv") {
      const { items } = await listOwnership({ ...query, limit: EXPORT_MAX_ROWS, offset: 0 });
      return csvResponse("ownership", ownershipCsv(items.map(presentOwnershipRow)));
    }
    const [{ items, total, summary }, facets] = await Promise.all([listOwnership(query), ownershipFacets()]);
    return {
      items: items.map(presentOwnershipRow),
      total,
      summary,
      facets,
    };
  },
});
