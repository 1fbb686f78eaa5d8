// Writes the distinct searchable values of alerts to their incidents (lib/domain/alert-terms.ts):
// ingest appends them to incident_terms_pending inside its transaction (a plain append), and
// drainIncidentTerms moves them into the trigram-indexed incident_terms in batches off the ingest
// path (every 2 s, scripts/start.ts, a bounded number per tick unless the backlog is large).
// Measured: indexing in the ingest transaction cost about 40 % of ingest throughput.
import type pg from "pg";
import { alertTerms } from "../domain/alert-terms";
import type { TAlertRow } from "./alerts";
import { pgPool, withTransaction } from "./pg";

/**
 * Term keys this process has committed (to the pending list): the same rule, workload, process
 * and image come with every batch, and sending them again costs the database a conflict check
 * each. Cleared when full; a key missing here is only sent again.
 */
const committed = new Set<string>();
const COMMITTED_MAX = 200_000;

/** After the caller's transaction committed: these keys need not be sent again. */
export function rememberCommittedTerms(keys: readonly string[]): void {
  if (committed.size + keys.length > COMMITTED_MAX) committed.clear();
  for (const k of keys) committed.add(k);
}

/**
 * Appends the terms of these alerts (not yet sent by this process) to the pending list, in the
 * caller's transaction; returns their keys for rememberCommittedTerms once it commits.
 */
export async function addIncidentTerms(client: pg.PoolClient, alerts: { incidentId: string; row: TAlertRow }[]): Promise<string[]> {
  const fresh = new Set<string>();
  for (const { incidentId, row } of alerts) {
    for (const [field, value] of alertTerms(row)) {
      const key = `${incidentId}\u0000${field}\u0000${value}`;
      if (!committed.has(key)) fresh.add(key);
    }
  }
  if (fresh.size === 0) return [];
  const keys = [...fresh];
  const cols: [string[], string[], string[]] = [[], [], []];
  for (const k of keys) {
    const [i, f, v] = k.split("\u0000");
    cols[0].push(i);
    cols[1].push(f);
    cols[2].push(v);
  }
  await client.query(`INSERT INTO incident_terms_pending ("incidentId", field, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, cols);
  return keys;
}

/** A merge: the survivor can be found by everything the merged incident could. */
export async function mergeIncidentTerms(client: pg.PoolClient, survivorId: string, mergedId: string): Promise<void> {
  await client.query(
    `INSERT INTO incident_terms ("incidentId", field, value) SELECT $1, field, value FROM incident_terms WHERE "incidentId" = $2
     ORDER BY field, value ON CONFLICT DO NOTHING`,
    [survivorId, mergedId],
  );
  await client.query(`UPDATE incident_terms_pending SET "incidentId" = $1 WHERE "incidentId" = $2`, [survivorId, mergedId]);
}

const DRAIN_BATCH = 50_000;

export interface TDrainOptions {
  /** at most this many pending rows per call while the backlog is small (undefined: all) */
  budget?: number;
  /** a backlog above this many rows is drained whole whatever the budget (it must not grow for ever) */
  backlogLimit?: number;
}

/**
 * Moves pending terms into incident_terms, a batch at a time; returns how many rows it took. With
 * a budget, a burst of alerts is not slowed by the trigram index (measured: indexing every value as
 * it comes cost a quarter of ingest throughput): the index catches up at the budget's pace, and at
 * full speed once the backlog passes the limit. Safe to run on several replicas at once (each
 * takes rows the others skip).
 */
export async function drainIncidentTerms(opts: TDrainOptions = {}): Promise<number> {
  let left = opts.budget ?? Number.POSITIVE_INFINITY;
  if (opts.budget !== undefined && opts.backlogLimit !== undefined && (await pendingBacklog()) > opts.backlogLimit) left = Number.POSITIVE_INFINITY;
  let total = 0;
  while (left > 0) {
    const take = Math.min(DRAIN_BATCH, left);
    const moved = await withTransaction(async (client) => {
      const res = await client.query(
        `WITH taken AS (
           DELETE FROM incident_terms_pending WHERE id IN (SELECT id FROM incident_terms_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING "incidentId", field, value
         ), kept AS (
           INSERT INTO incident_terms ("incidentId", field, value)
           SELECT DISTINCT t."incidentId", t.field, t.value FROM taken t
           WHERE EXISTS (SELECT 1 FROM incidents i WHERE i.id = t."incidentId")
           ORDER BY 1, 2, 3
           ON CONFLICT DO NOTHING
         )
         SELECT count(*)::int AS n FROM taken`,
        [take],
      );
      return res.rows[0].n as number;
    });
    total += moved;
    left -= moved;
    if (moved < take) break;
  }
  return total;
}

/** Pending rows, from the ends of the id sequence (two index probes, not a count). */
async function pendingBacklog(): Promise<number> {
  const res = await pgPool().query(`SELECT COALESCE(max(id) - min(id) + 1, 0)::bigint AS n FROM incident_terms_pending`);
  return Number(res.rows[0].n);
}
