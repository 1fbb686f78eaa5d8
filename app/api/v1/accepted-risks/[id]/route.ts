import { z } from "zod";
import { route } from "@/lib/api/handler";
import { scopeOf } from "@/lib/auth/scope";
import { findAcceptedRisk, revokeAcceptedRisk, updateAcceptedRisk } from "@/lib/db/accepted-risks";
import { expiryProblem } from "@/lib/domain/accepted-risk";
import { invalid, missing } from "@/lib/errors";
import { presentAcceptedRisk } from "@/lib/ownership/accepted-risks";

const ZId = z.object({ id: z.string().min(1).max(64) });

export const GET = route({
  permission: "workload.read",
  params: ZId,
  handler: async ({ actor, params }) => {
    const row = await findAcceptedRisk(params.id, scopeOf(actor));
    if (!row) throw missing("accepted risk");
    return presentAcceptedRisk(row);
  },
});

/** Changes the owner, the reason or the expiry (≤ 1 year from now); a new expiry renews an expired risk. */
export const PATCH = route({
  permission: "risk.accept",
  params: ZId,
  body: z
    .object({
      ownerId: z.string().min(1).max(64).optional(),
      reason: z.string().trim().min(3).max(1000).optional(),
      expiresAt: z.iso.datetime({ offset: true }).optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, { message: "change at least one of ownerId, reason, expiresAt" }),
  handler: async ({ actor, params, body, ip }) => {
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
    const problem = expiresAt ? expiryProblem(expiresAt) : null;
    if (problem) throw invalid(problem);
    return presentAcceptedRisk(await updateAcceptedRisk(actor, params.id, { ownerId: body.ownerId, reason: body.reason, expiresAt }, ip));
  },
});

/** Revokes the acceptance: the risk counts again at once; the row stays, listed as revoked. */
export const DELETE = route({
  permission: "risk.accept",
  params: ZId,
  query: z.object({ reason: z.string().trim().max(500).optional() }),
  handler: async ({ actor, params, query, ip }) => presentAcceptedRisk(await revokeAcceptedRisk(actor, params.id, query.reason, ip)),
});
