import { z } from "zod";
import { route } from "@/lib/api/handler";
import { scopeOf } from "@/lib/auth/scope";
import { listAcceptedRisks, sweepExpiredRisksIfStale } from "@/lib/db/accepted-risks";
import { RISK_STATES } from "@/lib/domain/accepted-risk";
import { csvResponse } from "@/lib/export/csv";
import { acceptedRisksCsv, EXPORT_MAX_ROWS } from "@/lib/export/exports";
import { acceptRisk, presentAcceptedRisk } from "@/lib/ownership/accepted-risks";
import { ZClusterName } from "@/lib/api/cluster-name";

const ZVertex = z.string().min(3).max(600);

const ZAccept = z
  .object({
    workloadId: z.string().regex(/^wl_[0-9a-f]{24}$/, "must be a workload's stable id (wl_…)"),
    /** one edge of the workload's attack graph, as drawn; absent: the whole workload */
    edge: z.object({ from: ZVertex, edge: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, "must be an edge kind"), to: ZVertex }).strict().optional(),
    ownerId: z.string().min(1).max(64).optional(),
    reason: z.string().trim().min(3, "say why the risk is accepted").max(1000),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .strict();

/** Accepted risks in scope: active first, then by expiry. */
export const GET = route({
  permission: "workload.read",
  query: z.object({
    state: z.enum(RISK_STATES).optional(),
    cluster: ZClusterName.optional(),
    workloadId: z.string().max(64).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  }),
  handler: async ({ actor, query }) => {
    await sweepExpiredRisksIfStale();
    const rows = await listAcceptedRisks(
      { state: query.state, cluster: query.cluster, workloadId: query.workloadId, limit: query.format === "csv" ? EXPORT_MAX_ROWS : 500 },
      scopeOf(actor),
    );
    const items = rows.map(presentAcceptedRisk);
    if (query.format === "csv") return csvResponse("accepted-risks", acceptedRisksCsv(items));
    return { items };
  },
});

/** Accepts the risk of a workload, or of one edge of its graph, with an owner, a reason and an expiry ≤ 1 year. */
export const POST = route({
  permission: "risk.accept",
  body: ZAccept,
  status: 201,
  handler: async ({ actor, body, ip }) => acceptRisk(actor, { ...body, expiresAt: new Date(body.expiresAt) }, ip),
});
