import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { readBatch } from "@/lib/api/read-batch";
import { env } from "@/lib/env";
import { ZClusterName } from "@/lib/api/cluster-name";
import { checkIngestScope } from "@/lib/auth/ingest-scope";
import { storeAlerts } from "@/lib/incidents/ingest-alerts";
import { normalizeBodyText, normalizeItems, PoolSaturatedError, PoolUnavailableError } from "@/lib/workers/normalize-pool";
import { badRequest, serviceBusy } from "@/lib/api/errors";
import { acceptedTimeWindow } from "@/lib/alerts/event-time";

const ZParams = z.object({ source: z.enum(["falco", "tetragon"]) });
const ZQuery = z.object({ cluster: ZClusterName });

export const POST = route({
  permission: "alerts.ingest",
  params: ZParams,
  query: ZQuery,
  handler: async ({ req, actor, params, query }) => {
    checkIngestScope(actor, "alerts", query.cluster);
    const batch = await readBatch(req, env().ALERTS_MAX_BYTES, { split: false });
    const window = acceptedTimeWindow(env().ALERT_RETENTION_DAYS);
    try {
      if (batch.body === undefined) {
        // NDJSON, parsed line by line as it streamed in: normalized (and masked) off the main thread.
        const normalized = await normalizeItems(params.source, batch.items, batch.bytes, env().MASK_PATTERNS, env().NORMALIZE_WORKERS, window);
        return NextResponse.json(await storeAlerts(query.cluster, normalized.alerts, [...batch.rejected, ...normalized.rejected]), { status: 202 });
      }
      // A whole JSON body: decoded, split and normalized off the main thread when it is large.
      const normalized = await normalizeBodyText(params.source, batch.body, env().MASK_PATTERNS, env().NORMALIZE_WORKERS, window);
      if ("fatal" in normalized) throw badRequest(`body: ${normalized.fatal}`);
      return NextResponse.json(await storeAlerts(query.cluster, normalized.alerts, normalized.rejected), { status: 202 });
    } catch (err) {
      if (err instanceof PoolSaturatedError) throw serviceBusy(err.message, err.retryAfterSeconds);
      if (err instanceof PoolUnavailableError) throw serviceBusy(err.message, 30);
      throw err;
    }
  },
});
