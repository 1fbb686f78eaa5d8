import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findWorkload, stableIdOfRow } from "@/lib/db/workloads";
import { workloadDetail } from "@/lib/ownership/workload-detail";
import { isStableWorkloadId } from "@/lib/snapshots/workload-id";

export const GET = route({
  permission: "workload.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ req, actor, params }) => {
    const scope = scopeOf(actor);
    if (!isStableWorkloadId(params.id)) {
      // a per-snapshot id from a link shared before stable ids: redirect to the workload's stable id
      const stable = await stableIdOfRow(params.id, scope);
      if (!stable) throw notFound("workload");
      const to = new URL(`/api/v1/workloads/${encodeURIComponent(stable)}`, req.nextUrl.origin);
      return new Response(null, { status: 308, headers: { Location: to.pathname, "Cache-Control": "no-store" } });
    }
    const row = await findWorkload(params.id, scope);
    if (!row) throw notFound("workload");
    return workloadDetail(row);
  },
});
