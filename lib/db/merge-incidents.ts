// Moves one incident's alerts into another and marks it merged, in one transaction.
import { lockWorkloadKeys } from "./incident-writes";
import { mergeIncidentTerms } from "./incident-terms";
import { withTransaction } from "./pg";

/** Thrown when either incident was merged by someone else between the caller's read and the locks. */
export class MergedMeanwhileError extends Error {}

export async function mergeIncidentRows(survivorId: string, mergedId: string): Promise<{ movedAlerts: number }> {
  return withTransaction(async (client) => {
    // Ingest holds a workload's lock from planning which incident its alerts join to writing it:
    // take the same locks first (then the rows, as ingest does), so a merge never lands in between.
    const keys = await client.query(`SELECT "clusterId", "workloadKey" FROM incidents WHERE id = ANY($1::text[])`, [[survivorId, mergedId]]);
    await lockWorkloadKeys(client, keys.rows.map((r: { clusterId: string; workloadKey: string }) => `${r.clusterId}|${r.workloadKey}`));
    const locked = await client.query(`SELECT id, "mergedIntoId" FROM incidents WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [[survivorId, mergedId]]);
    // Checked again under the locks: two opposite merges at once would otherwise hide both.
    const merged = locked.rows.find((r: { mergedIntoId: string | null }) => r.mergedIntoId !== null) as { id: string } | undefined;
    if (locked.rows.length < 2 || merged) throw new MergedMeanwhileError(`incident ${merged?.id ?? survivorId} was merged into another meanwhile; reload and try again`);
    const moved = await client.query(`UPDATE alerts SET "incidentId" = $1 WHERE "incidentId" = $2`, [survivorId, mergedId]);
    await mergeIncidentTerms(client, survivorId, mergedId);
    await client.query(
      `UPDATE incidents s SET
         "alertCount" = s."alertCount" + m."alertCount",
         "firstSeen" = LEAST(s."firstSeen", m."firstSeen"), "lastSeen" = GREATEST(s."lastSeen", m."lastSeen"),
         title = CASE WHEN m."severityRank" > s."severityRank" THEN m.title ELSE s.title END,
         severity = CASE WHEN m."severityRank" > s."severityRank" THEN m.severity ELSE s.severity END,
         "severityRank" = GREATEST(s."severityRank", m."severityRank"),
         score = GREATEST(s.score, m.score),
         "mitreTactics" = ARRAY(SELECT DISTINCT t FROM unnest(s."mitreTactics" || m."mitreTactics") AS t ORDER BY 1),
         "updatedAt" = now()
       FROM incidents m WHERE s.id = $1 AND m.id = $2`,
      [survivorId, mergedId],
    );
    await client.query(`UPDATE incidents SET "mergedIntoId" = $1, "alertCount" = 0, "updatedAt" = now() WHERE id = $2 OR "mergedIntoId" = $2`, [survivorId, mergedId]);
    return { movedAlerts: moved.rowCount ?? 0 };
  });
}
