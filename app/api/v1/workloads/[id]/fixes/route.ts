import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { findWorkload } from "@/lib/db/workloads";
import { fixesOf } from "@/lib/workers/fixes-pool";
import { isStableWorkloadId } from "@/lib/snapshots/workload-id";

// DESIGN.md "Contain and fix": every candidate fix of the workload's paths with its what-if, and the
// cheapest fix set that leaves no path to a critical asset (then none to a high one), on the
// workload's latest snapshot. Developers see their teams' workloads only (the scope).
export const GET = route({
  permission: "workload.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ actor, params }) => {
    if (!isStableWorkloadId(params.id)) throw notFound("workload");
    const row = await findWorkload(params.id, scopeOf(actor));
    if (!row) throw notFound("workload");
    const result = await fixesOf(row.snapshotId, row.cluster, row.key);
    if (!result) throw notFound("workload");
    return { workloadId: row.stableId, cluster: row.cluster, snapshotId: row.snapshotId, ...result };
  },
});
