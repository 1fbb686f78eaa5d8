import { z } from "zod";
import { route } from "@/lib/api/handler";
import { scopeOf } from "@/lib/auth/scope";
import { listAssets } from "@/lib/assets/asset-views";

/** The assets of each cluster's current inventory (or one cluster's), ranked by sensitivity then by how many workloads reach them. */
export const GET = route({
  permission: "workload.read",
  query: z.object({ cluster: z.string().min(1).max(63).optional() }),
  handler: async ({ actor, query }) => listAssets(query.cluster, scopeOf(actor)),
});
