// Monthly partitions of the alerts table: created ahead (and on demand for the months a batch
// needs), and dropped whole once past retention, so retention never deletes row by row.
import type pg from "pg";
import { pgPool } from "./pg";

/** Partitions this process made or saw; another process (maintenance) may drop one behind its back. */
const known = new Set<string>();

/** Forgets the partitions this process knows, so the next batch checks (and recreates) them. */
export function forgetKnownPartitions(): void {
  known.clear();
}

/** A COPY or INSERT that met no partition for its row: "no partition of relation … found for row". */
export function isMissingPartition(err: unknown): boolean {
  return (err as { code?: string }).code === "23514" && /no partition/i.test((err as Error).message ?? "");
}

/**
 * An alert row is about 2.3 KB, just over PostgreSQL's default 2 KB TOAST threshold, so every
 * row's raw payload would go through pglz compression (the only one this server is built with):
 * a fifth of the database's CPU per ingested alert, to save ~400 bytes. Rows stay inline and
 * uncompressed up to a full page instead. Partitions do not inherit storage parameters: each is
 * created with them, and maintenance sets them on older ones.
 */
const PARTITION_STORAGE = "toast_tuple_target = 8160";

export function monthStart(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function nextMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

export function partitionName(month: Date): string {
  return `alerts_p${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Creates the monthly partitions that hold these times, if missing. */
export async function ensureAlertPartitions(times: Date[], client: pg.Pool | pg.PoolClient = pgPool()): Promise<void> {
  const months = new Map<string, Date>();
  // a batch's times mostly fall in one month: that month's bounds answer without a Date or a name
  let from = Infinity;
  let to = -Infinity;
  for (const t of times) {
    const ms = t.getTime();
    if (ms >= from && ms < to) continue;
    const m = monthStart(t);
    from = m.getTime();
    to = nextMonth(m).getTime();
    const name = partitionName(m);
    if (!known.has(name)) months.set(name, m);
  }
  for (const [name, m] of months) {
    // IF NOT EXISTS + catching the race with a concurrent request creating the same partition.
    await client
      .query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF alerts FOR VALUES FROM ('${m.toISOString()}') TO ('${nextMonth(m).toISOString()}') WITH (${PARTITION_STORAGE})`,
      )
      .catch((err: { code?: string }) => {
        if (err.code !== "42P07" && err.code !== "23505") throw err;
      });
    known.add(name);
  }
}

/** The current month and the next `ahead` months. */
export async function ensureUpcomingPartitions(now = new Date(), ahead = 2): Promise<void> {
  const times = [monthStart(now)];
  for (let i = 0; i < ahead; i++) times.push(nextMonth(times[times.length - 1]));
  await ensureAlertPartitions(times);
}

/** Drops partitions whose whole month ended before now − retention; returns their names. */
export async function dropExpiredPartitions(retentionDays: number, now = new Date()): Promise<string[]> {
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  const res = await pgPool().query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'alerts'`,
  );
  const dropped: string[] = [];
  for (const { name } of res.rows as { name: string }[]) {
    const m = /^alerts_p(\d{4})_(\d{2})$/.exec(name);
    if (!m) continue;
    const end = Date.UTC(Number(m[1]), Number(m[2]), 1); // first day of the following month
    if (end <= cutoff) {
      await pgPool().query(`DROP TABLE IF EXISTS ${name}`);
      known.delete(name);
      dropped.push(name);
    }
  }
  return dropped;
}

/** Sets the partition storage parameters on partitions made before they existed; returns their names. */
export async function tunePartitionStorage(): Promise<string[]> {
  const res = await pgPool().query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'alerts' AND NOT coalesce(c.reloptions @> ARRAY['${PARTITION_STORAGE.replaceAll(" ", "")}'], false)`,
  );
  const tuned: string[] = [];
  for (const { name } of res.rows as { name: string }[]) {
    if (!/^alerts_p\d{4}_\d{2}$/.test(name)) continue;
    await pgPool().query(`ALTER TABLE ${name} SET (${PARTITION_STORAGE})`);
    tuned.push(name);
  }
  return tuned;
}
