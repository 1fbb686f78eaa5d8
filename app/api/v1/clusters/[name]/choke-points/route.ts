import { z } from "zod";
import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { ZClusterName } from "@/lib/api/cluster-name";
import { scopeOf } from "@/lib/auth/scope";
import { currentSnapshotIdOf } from "@/lib/db/snapshots";
import { currentWorkloadKeys } from "@/lib/db/workloads";
import { chokePatchFile } from "@/lib/remediation/choke-points";
import { stableWorkloadId } from "@/lib/snapshots/workload-id";
import { chokePointsOf } from "@/lib/workers/fixes-pool";

// DESIGN.md "Contain and fix": the fixes of a cluster's current snapshot ranked by the blast
// radius each removes across its workloads. A developer's answer covers their teams' workloads
// only (sums, counts and lists alike); `format=patch&ids=…` downloads the selected fixes as one file.
export const GET = route({
  permission: "workload.read",
  params: z.object({ name: ZClusterName }),
  query: z.object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    format: z.enum(["json", "patch"]).default("json"),
    ids: z.string().max(20_000).optional(),
  }),
  handler: async ({ actor, params, query }) => {
    const snapshotId = await currentSnapshotIdOf(params.name);
    if (!snapshotId) throw notFound("cluster");
    const scope = scopeOf(actor);
    const workloads = scope.all ? null : await currentWorkloadKeys(params.name, scope);
    const limit = query.format === "patch" ? 500 : query.limit;
    const result = workloads && workloads.length === 0 ? { workloads: 0, candidates: 0, total: 0, points: [], ms: 0 } : await chokePointsOf(snapshotId, params.name, workloads, limit);
    if (!result) throw notFound("cluster");
    if (query.format === "patch") {
      const wanted = query.ids ? new Set(query.ids.split(",")) : null;
      const chosen = result.points.filter((p) => !wanted || wanted.has(p.id));
      return new Response(chokePatchFile(chosen), {
        headers: {
          "content-type": "application/yaml; charset=utf-8",
          "content-disposition": `attachment; filename="choke-points-${params.name}.yaml"`,
          "cache-control": "no-store",
        },
      });
    }
    return {
      cluster: params.name,
      snapshotId,
      ...result,
      points: result.points.map((p) => ({ ...p, workloads: p.workloads.map((w) => ({ ...w, workloadId: stableWorkloadId(params.name, w.workload) })) })),
    };
  },
});
