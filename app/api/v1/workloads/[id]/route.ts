import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findWorkload } from "@/lib/db/workloads";
import { presentWorkload } from "@/lib/snapshots/present-workload";

export const GET = route({
  permission: "workload.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ actor, params }) => {
    const row = await findWorkload(params.id, scopeOf(actor));
    if (!row) throw notFound("workload");
    return presentWorkload(row);
  },
});
