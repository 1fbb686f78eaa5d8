// Writes the distinct searchable values of alerts to their incidents (lib/domain/alert-terms.ts).
import type pg from "pg";
import { alertTerms } from "../domain/alert-terms";
import type { TAlertRow } from "./alerts";

/** Adds the terms of these alerts to the incidents they joined; one statement, duplicates ignored. */
export async function addIncidentTerms(client: pg.PoolClient, alerts: { incidentId: string; row: TAlertRow }[]): Promise<void> {
  const seen = new Set<string>();
  for (const { incidentId, row } of alerts) for (const [field, value] of alertTerms(row)) seen.add(`${incidentId}\u0000${field}\u0000${value}`);
  if (seen.size === 0) return;
  // sorted, so two transactions adding the same terms take their locks in the same order
  const keys = [...seen].sort();
  const cols: [string[], string[], string[]] = [[], [], []];
  for (const k of keys) {
    const [i, f, v] = k.split("\u0000");
    cols[0].push(i);
    cols[1].push(f);
    cols[2].push(v);
  }
  await client.query(
    `INSERT INTO incident_terms ("incidentId", field, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
    cols,
  );
}

/** A merge: the survivor can be found by everything the merged incident could. */
export async function mergeIncidentTerms(client: pg.PoolClient, survivorId: string, mergedId: string): Promise<void> {
  await client.query(
    `INSERT INTO incident_terms ("incidentId", field, value) SELECT $1, field, value FROM incident_terms WHERE "incidentId" = $2
     ORDER BY field, value ON CONFLICT DO NOTHING`,
    [survivorId, mergedId],
  );
}

