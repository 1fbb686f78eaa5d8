import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest, notFound } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { countIncidentAlerts, incidentHistogramRows } from "@/lib/db/incident-alerts";
import { findIncident } from "@/lib/db/incidents-read";
import { BUCKET_NAMES, BUCKETS, MAX_BUCKETS, bucketCount, chooseBucket, fillBuckets, type TBucket } from "@/lib/domain/alert-paging";

/**
 * An incident's alerts over time: one bar per bucket (`1m` … `1d`, or `auto` for at most about
 * 60 bars over the incident's span), counted per severity, empty buckets included.
 */
export const GET = route({
  permission: "incident.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  query: z.object({ bucket: z.enum(["auto", ...BUCKET_NAMES] as [string, ...string[]]).default("auto") }),
  handler: async ({ actor, params, query }) => {
    const row = await findIncident(params.id, scopeOf(actor));
    if (!row) throw notFound("incident");
    const totals = await countIncidentAlerts(row.id);
    const from = totals.first ?? new Date(row.firstSeen);
    const to = totals.last ?? new Date(row.lastSeen);
    const bucket = chooseBucket(query.bucket as TBucket | "auto", from, to);
    const bars = bucketCount(from, to, bucket);
    if (bars > MAX_BUCKETS) throw badRequest(`bucket ${bucket} would draw ${bars} bars over this incident (at most ${MAX_BUCKETS}): choose a larger bucket or auto`, { field: "bucket" });
    const rows = totals.alerts ? await incidentHistogramRows(row.id, bucket) : [];
    return { bucket, bucketSeconds: BUCKETS[bucket], from: from.toISOString(), to: to.toISOString(), total: totals.alerts, buckets: fillBuckets(from, to, bucket, rows) };
  },
});
