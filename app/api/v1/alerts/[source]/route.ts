import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { readBatch } from "@/lib/api/read-batch";
import { env } from "@/lib/env";
import { ingestAlerts } from "@/lib/incidents/ingest-alerts";

const ZParams = z.object({ source: z.enum(["falco", "tetragon"]) });
const ZQuery = z.object({
  cluster: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be 1–63 letters, digits, '.', '_' or '-'"),
});

export const POST = route({
  permission: "alerts.ingest",
  params: ZParams,
  query: ZQuery,
  handler: async ({ req, actor, params, query }) => {
    const batch = await readBatch(req, env().ALERTS_MAX_BYTES);
    const result = await ingestAlerts(actor, query.cluster, params.source, batch.items, batch.rejected);
    return NextResponse.json(result, { status: 202 });
  },
});
