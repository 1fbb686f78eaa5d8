// Writes the distinct searchable values of alerts to their incidents (lib/domain/alert-terms.ts):
// ingest appends them to incident_terms_pending inside its transaction (a plain append), and
// drainIncidentTerms moves them into the trigram-indexed incident_terms in batches off the ingest
// path (every 2 s, scripts/start.ts, a bounded number per tick unless the backlog is large).
// Measured: indexing in the ingest transaction cost about 40 % of ingest throughput.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { forEachAlertTerm, type TTermField } from "../domain/alert-terms";
import { CopyBinaryWriter } from "./copy-binary";
import type { TAlertRow } from "./alerts";
import { pgPool, withTransaction } from "./pg";

/**
 * Terms this process has committed (to the pending list), by incident and field: the same rule,
 * workload, process and image come with every batch, and sending them again costs the database a
 * conflict check each. Nested maps, not one set of joined keys: a lookup hashes the value string
 * once (V8 keeps a string's hash), where joining made and hashed a new string per term (measured:
 * 16 µs per alert on the ingest bench). Cleared when full; a term missing here is only sent again.
 */
const committed = new Map<string, Map<TTermField, Set<string>>>();
let committedCount = 0;
const COMMITTED_MAX = 200_000;

/** Terms sent in one transaction, as columns. */
export interface TTermColumns {
  incidentIds: string[];
  fields: TTermField[];
  values: string[];
}

function valuesOf(tree: Map<string, Map<TTermField, Set<string>>>, incidentId: string, field: TTermField): Set<string> {
  let byField = tree.get(incidentId);
  if (!byField) tree.set(incidentId, (byField = new Map()));
  let values = byField.get(field);
  if (!values) byField.set(field, (values = new Set()));
  return values;
}

/** After the caller's transaction committed: these terms need not be sent again. */
export function rememberCommittedTerms(terms: TTermColumns): void {
  if (committedCount + terms.values.length > COMMITTED_MAX) {
    committed.clear();
    committedCount = 0;
  }
  for (let i = 0; i < terms.values.length; i++) {
    const values = valuesOf(committed, terms.incidentIds[i], terms.fields[i]);
    if (!values.has(terms.values[i])) {
      values.add(terms.values[i]);
      committedCount++;
    }
  }
}

const NO_TERMS: TTermColumns = { incidentIds: [], fields: [], values: [] };
const PENDING_COPY = `COPY incident_terms_pending ("incidentId", field, value) FROM STDIN (FORMAT binary)`;

/**
 * Appends the terms of these alerts (not yet sent by this process) to the pending list, in the
 * caller's transaction, with one binary COPY (nothing to escape); returns them for
 * rememberCommittedTerms once it commits.
 */
export async function addIncidentTerms(client: pg.PoolClient, alerts: { incidentId: string; row: TAlertRow }[]): Promise<TTermColumns> {
  const out: TTermColumns = { incidentIds: [], fields: [], values: [] };
  const batch = new Map<string, Map<TTermField, Set<string>>>();
  for (const { incidentId, row } of alerts) {
    const known = committed.get(incidentId);
    forEachAlertTerm(row, (field, value) => {
      if (known?.get(field)?.has(value)) return;
      const seen = valuesOf(batch, incidentId, field);
      if (seen.has(value)) return;
      seen.add(value);
      out.incidentIds.push(incidentId);
      out.fields.push(field);
      out.values.push(value);
    });
  }
  if (out.values.length === 0) return NO_TERMS;
  const w = new CopyBinaryWriter(out.values.length * 160);
  for (let i = 0; i < out.values.length; i++) w.row(3).text(out.incidentIds[i]).text(out.fields[i]).text(out.values[i]);
  await pipeline(Readable.from([w.finish()]), client.query(copyFrom(PENDING_COPY)));
  return out;
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
