import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { readBatch } from "@/lib/api/read-batch";
import { env } from "@/lib/env";
import { ingestAlerts, storeAlerts } from "@/lib/incidents/ingest-alerts";
import { normalizeBodyText } from "@/lib/alerts/normalize-pool";
import { badRequest } from "@/lib/api/errors";

const ZParams = z.object({ source: z.enum(["falco", "tetragon"]) });
const ZQuery = z.object({
  cluster: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be 1–63 letters, digits, '.', '_' or '-'"),
});

export const POST = route({
  permission: "alerts.ingest",
  params: ZParams,
  query: ZQuery,
  handler: async ({ req, actor, params, query }) => {
    const batch = await readBatch(req, env().ALERTS_MAX_BYTES, { split: false });
    if (batch.text === undefined) {
      return NextResponse.json(await ingestAlerts(actor, query.cluster, params.source, batch.items, batch.rejected), { status: 202 });
    }
    // A whole JSON body: split and normalized off the main thread when it is large.
    const normalized = await normalizeBodyText(params.source, batch.text, env().MASK_PATTERNS, env().NORMALIZE_WORKERS);
    if ("fatal" in normalized) throw badRequest(`body: ${normalized.fatal}`);
    return NextResponse.json(await storeAlerts(query.cluster, normalized.alerts, normalized.rejected), { status: 202 });
  },
});
