import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest, notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { AmbiguousVertexError, vertexReachers } from "@/lib/assets/asset-views";

/**
 * Every workload that can reach one vertex of the attack graph — an asset, a service account, a
 * cloud role — cheapest path first, with its open incidents. `id` is the vertex's stable
 * identifier (DESIGN.md "Identifiers"), URL-encoded.
 */
export const GET = route({
  permission: "workload.read",
  params: z.object({ id: z.string().min(1).max(1000) }),
  query: z.object({ cluster: z.string().min(1).max(63).optional() }),
  handler: async ({ actor, params, query }) => {
    let id = params.id;
    try {
      if (id.includes("%")) id = decodeURIComponent(id);
    } catch {
      throw badRequest("id is not a URL-encoded identifier", { field: "id" });
    }
    try {
      const found = await vertexReachers(id, query.cluster, scopeOf(actor));
      if (!found) throw notFound(`vertex ${id}`);
      return found;
    } catch (err) {
      if (err instanceof AmbiguousVertexError) throw badRequest(err.message, { field: "cluster" });
      throw err;
    }
  },
});
