import { z } from "zod";
import { route } from "@/lib/api/handler";
import { scopeOf } from "@/lib/auth/scope";
import { snapshotDiff } from "@/lib/snapshots/snapshot-diff";

/** What changed from snapshot a to snapshot b of one cluster: paths to critical and high assets, new and removed, each with its cause. */
export const GET = route({
  permission: "workload.read",
  params: z.object({ a: z.string().min(1).max(64), b: z.string().min(1).max(64) }),
  handler: async ({ actor, params }) => snapshotDiff(params.a, params.b, scopeOf(actor)),
});
