// Paging and bucketing of an incident's alerts (GET /api/v1/incidents/{id}/alerts and
// /histogram): opaque keyset cursors, the histogram's bucket sizes, and the "auto" choice.

/** A position in a newest-first list: the row's time as PostgreSQL prints it (microseconds kept) and its id or group key. */
export type TAlertCursor = { t: string; k: string };

export function encodeAlertCursor(c: TAlertCursor): string {
  return Buffer.from(JSON.stringify([c.t, c.k]), "utf8").toString("base64url");
}

/** Null when the string is not a cursor this API made (the route answers 400 naming `cursor`). */
export function decodeAlertCursor(s: string): TAlertCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== "string" || typeof v[1] !== "string") return null;
    if (Number.isNaN(Date.parse(v[0])) || v[1].length === 0 || v[1].length > 64) return null;
    return { t: v[0], k: v[1] };
  } catch {
    return null;
  }
}

export const BUCKETS = { "1m": 60, "5m": 300, "15m": 900, "1h": 3600, "6h": 21_600, "1d": 86_400 } as const;
export type TBucket = keyof typeof BUCKETS;
export const BUCKET_NAMES = Object.keys(BUCKETS) as TBucket[];

/** at most this many bars in one histogram */
export const MAX_BUCKETS = 400;
/** "auto" picks the smallest bucket that draws the span in at most this many bars */
const AUTO_TARGET = 60;

/** The bucket for a span: the requested one, or with "auto" the smallest that keeps the bars few. */
export function chooseBucket(requested: TBucket | "auto", from: Date, to: Date): TBucket {
  if (requested !== "auto") return requested;
  const span = Math.max(0, (to.getTime() - from.getTime()) / 1000);
  return BUCKET_NAMES.find((b) => span / BUCKETS[b] <= AUTO_TARGET) ?? "1d";
}

/** The start of the bucket holding `t` (buckets are aligned on the Unix epoch, as date_bin does with that origin). */
export function bucketStart(t: Date, bucket: TBucket): Date {
  const ms = BUCKETS[bucket] * 1000;
  return new Date(Math.floor(t.getTime() / ms) * ms);
}

/** How many bars a span takes in a bucket size. */
export function bucketCount(from: Date, to: Date, bucket: TBucket): number {
  return Math.floor((bucketStart(to, bucket).getTime() - bucketStart(from, bucket).getTime()) / (BUCKETS[bucket] * 1000)) + 1;
}

/**
 * Every bucket from `from` to `to`, empty ones included, with the counts found: a histogram with
 * holes would draw a burst and the quiet hour after it as neighbours.
 */
export function fillBuckets<T extends Record<string, number>>(from: Date, to: Date, bucket: TBucket, found: { t: Date; counts: T }[]): { t: string; total: number; counts: Partial<T> }[] {
  const byStart = new Map(found.map((f) => [bucketStart(f.t, bucket).getTime(), f.counts]));
  const out: { t: string; total: number; counts: Partial<T> }[] = [];
  const step = BUCKETS[bucket] * 1000;
  for (let t = bucketStart(from, bucket).getTime(); t <= bucketStart(to, bucket).getTime(); t += step) {
    const counts = byStart.get(t) ?? ({} as T);
    out.push({ t: new Date(t).toISOString(), total: Object.values(counts).reduce((s, n) => s + n, 0), counts });
  }
  return out;
}
