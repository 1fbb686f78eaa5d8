import { z } from "zod";
import { route } from "@/lib/api/handler";
import { ZClusterName } from "@/lib/api/cluster-name";
import { missing, invalid } from "@/lib/errors";
import { keptSnapshots, postureClusters, posturePoints } from "@/lib/db/posture";

const ZQuery = z.object({
  /** absent: the clusters that have points, and none */
  cluster: ZClusterName.optional(),
  from: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  to: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
});

/** Posture over time of one cluster: a point an hour at most, each with its figures. */
export const GET = route({
  permission: "ownership.manage",
  query: ZQuery,
  handler: async ({ query }) => {
    const clusters = await postureClusters();
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * 86_400_000);
    if (from >= to) throw invalid("query.from: must be before query.to");
    if (!query.cluster) return { clusters, cluster: null, points: [] };
    const points = await posturePoints(query.cluster, from, to);
    if (!points) throw missing(`cluster ${query.cluster}`);
    return { clusters, cluster: query.cluster, from: from.toISOString(), to: to.toISOString(), points, snapshots: await keptSnapshots(query.cluster) };
  },
});
