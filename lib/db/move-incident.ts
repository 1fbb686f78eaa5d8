// An analyst moves an incident to the workload it really belongs to (resolvedBy "manual"): under
// the same workload locks ingest takes, with its alerts, its score and an audit entry, in one transaction.
import type pg from "pg";
import type { TActor } from "../auth/actor";
import { lockWorkloadKeys } from "./incident-writes";
import { withTransaction } from "./pg";
import { workloadScores, type TWorkloadScore } from "./resolve-workloads";
import { writeAuditWith } from "./audit";

export class NoSuchWorkloadError extends Error {}

export async function moveIncidentToWorkload(
  input: { incidentId: string; clusterId: string; fromKey: string; toKey: string; reason: string | null },
  actor: TActor,
  ip: string | null,
  score: (w: TWorkloadScore) => { score: number; breakdown: unknown },
): Promise<void> {
  await withTransaction(async (client: pg.PoolClient) => {
    await lockWorkloadKeys(client, [`${input.clusterId}|${input.fromKey}`, `${input.clusterId}|${input.toKey}`]);
    const cluster = await client.query(`SELECT "currentSnapshotId" FROM clusters WHERE id = $1`, [input.clusterId]);
    const snapshotId: string | null = cluster.rows[0]?.currentSnapshotId ?? null;
    const w = snapshotId ? (await workloadScores(client, snapshotId, [input.toKey])).get(input.toKey) : undefined;
    if (!w) throw new NoSuchWorkloadError(`no workload ${input.toKey} in the cluster's current inventory`);
    const scored = score(w);
    await client.query(
      `UPDATE incidents SET "workloadKey" = $2, "workloadKind" = $3, namespace = $4, "workloadName" = $5, "teamId" = $6,
         "notInInventory" = false, "resolvedBy" = 'manual', resolution = $7::jsonb, score = $8, "scoreBreakdown" = $9::jsonb, "updatedAt" = now()
       WHERE id = $1`,
      [input.incidentId, w.key, w.kind, w.namespace, w.name, w.teamId, JSON.stringify({ by: actor.label, reason: input.reason }), scored.score, JSON.stringify(scored.breakdown)],
    );
    await client.query(`UPDATE alerts SET "workloadKey" = $2 WHERE "incidentId" = $1`, [input.incidentId, w.key]);
    await writeAuditWith(
      client,
      actor,
      { action: "incident.workload_resolved", targetType: "incident", targetId: input.incidentId, details: { from: input.fromKey, to: w.key, resolvedBy: "manual", reason: input.reason } },
      ip,
    );
  });
}
