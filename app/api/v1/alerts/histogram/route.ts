import { z } from "zod";
import { route } from "@/lib/api/handler";
import { badRequest } from "@/lib/api/errors";
import { scopeOf } from "@/lib/auth/scope";
import { alertHistogramRows } from "@/lib/db/incident-alerts";
import { BUCKET_NAMES, BUCKETS, MAX_BUCKETS, bucketCount, chooseBucket, fillBuckets, type TBucket } from "@/lib/domain/alert-paging";
import { topSeries } from "@/lib/incidents/histogram-series";

/**
 * Alerts over time for the queue: those that joined incidents in the last `hours` (default 24),
 * per bucket, split by `severity` or by `rule` (the busiest rules, the rest as one series), in
 * the caller's scope and optionally one cluster.
 */
export const GET = route({
  permission: "incident.read",
  query: z.object({
    hours: z.coerce.number().int().min(1).max(24 * 90).default(24),
    bucket: z.enum(["auto", ...BUCKET_NAMES] as [string, ...string[]]).default("auto"),
    by: z.enum(["severity", "rule"]).default("severity"),
    cluster: z.string().min(1).max(200).optional(),
  }),
  handler: async ({ actor, query }) => {
    const to = new Date();
    const from = new Date(to.getTime() - query.hours * 3_600_000);
    const bucket = chooseBucket(query.bucket as TBucket | "auto", from, to);
    const bars = bucketCount(from, to, bucket);
    if (bars > MAX_BUCKETS) throw badRequest(`bucket ${bucket} would draw ${bars} bars over ${query.hours} hours (at most ${MAX_BUCKETS}): choose a larger bucket or auto`, { field: "bucket" });
    const rows = await alertHistogramRows(scopeOf(actor), { from, to, bucket, by: query.by, cluster: query.cluster });
    const { series, rows: folded } = topSeries(rows, query.by);
    return { by: query.by, bucket, bucketSeconds: BUCKETS[bucket], from: from.toISOString(), to: to.toISOString(), series, buckets: fillBuckets(from, to, bucket, folded) };
  },
});
