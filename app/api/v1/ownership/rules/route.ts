import { z } from "zod";
import { route } from "@/lib/api/handler";
import { listOwnershipRules, putOwnershipRule } from "@/lib/db/ownership";
import { ZClusterName } from "@/lib/api/cluster-name";

const ZRule = z
  .object({
    cluster: ZClusterName,
    namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Kubernetes namespace name (DNS-1123 label)"),
    /** one workload (`<Kind>/<namespace>/<name>`); absent: every workload of the namespace, now and in later snapshots */
    workload: z.string().min(3).max(400).optional(),
    team: z.string().min(1).max(63),
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((r) => !r.workload || r.workload.split("/")[1] === r.namespace, { message: "the workload must be in the namespace", path: ["workload"] });

export const GET = route({
  permission: "ownership.manage",
  handler: async () => ({ items: await listOwnershipRules() }),
});

/** Sets (or replaces) who owns a namespace or one workload; applied to the current inventory at once. */
export const POST = route({
  permission: "ownership.manage",
  body: ZRule,
  status: 201,
  handler: async ({ actor, body, ip }) =>
    putOwnershipRule(actor, { cluster: body.cluster, namespace: body.namespace, workloadKey: body.workload, team: body.team, reason: body.reason }, ip),
});
