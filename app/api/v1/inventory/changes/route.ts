import { z } from "zod";
import { route } from "@/lib/api/handler";
import { conflict } from "@/lib/api/errors";
import { ZClusterName } from "@/lib/api/cluster-name";
import { checkIngestScope } from "@/lib/auth/ingest-scope";
import { LiveBaseMissingError } from "@/lib/db/live-inventory";
import { ZChanges } from "@/lib/inventory/live-changes";
import { acceptChanges } from "@/lib/ingest/live-inventory";

export const maxDuration = 120;

const ZQuery = z.object({
  cluster: ZClusterName,
  /** answer once the changes are in the cluster's current snapshot (tests, scripts); else 202 at once */
  wait: z.enum(["1", "true", "0", "false"]).optional(),
});

export const POST = route({
  permission: "inventory.ingest",
  query: ZQuery,
  body: ZChanges,
  maxBodyBytes: 16 * 1024 * 1024,
  handler: async ({ actor, query, body }) => {
    checkIngestScope(actor, "inventory", query.cluster);
    let result;
    try {
      result = await acceptChanges(actor, query.cluster, body.changes);
    } catch (err) {
      if (err instanceof LiveBaseMissingError) throw conflict(err.message);
      throw err;
    }
    const answer = { cluster: query.cluster, accepted: result.accepted, rejected: result.rejected, ignored: result.ignored, throughSeq: result.throughSeq };
    if (query.wait === "1" || query.wait === "true") {
      const run = await result.applied;
      return { ...answer, snapshotId: run?.snapshotId ?? null };
    }
    return Response.json(answer, { status: 202, headers: { "Cache-Control": "no-store" } });
  },
});
