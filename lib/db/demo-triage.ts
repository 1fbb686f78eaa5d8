// The demo's triage history (lib/demo/plan-demo-triage.ts), written with the audit entries a real
// analyst's changes would leave.
import type { TDemoIncident, TDemoTriage } from "../demo/plan-demo-triage";
import { pgPool, withTransaction } from "./pg";

export async function demoIncidents(cluster: string): Promise<TDemoIncident[]> {
  const res = await pgPool().query(
    `SELECT i.id, i."workloadKey", i.tier, i."firstSeen", i."lastSeen" FROM incidents i JOIN clusters c ON c.id = i."clusterId"
     WHERE c.name = $1 AND i.status = 'new' AND i."mergedIntoId" IS NULL`,
    [cluster],
  );
  return res.rows;
}

export async function writeDemoTriage(plan: TDemoTriage[], analystEmail: string): Promise<void> {
  if (!plan.length) return;
  await withTransaction(async (client) => {
    const analyst = (await client.query(`SELECT id, email FROM users WHERE email = $1`, [analystEmail])).rows[0] ?? null;
    for (const t of plan) {
      await client.query(
        `UPDATE incidents SET status = $2, "acknowledgedAt" = $3, "containedAt" = $4, "resolvedAt" = $5, "assigneeId" = $6,
           disposition = CASE WHEN $7::jsonb IS NULL THEN disposition ELSE $7::jsonb || jsonb_build_object('by', $8::text, 'at', $5::timestamptz) END,
           "updatedAt" = now()
         WHERE id = $1`,
        [t.id, t.status, t.acknowledgedAt, t.containedAt, t.resolvedAt, analyst?.id ?? null, t.disposition ? JSON.stringify(t.disposition) : null, analyst?.email ?? "system"],
      );
      await client.query(
        `INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details, "at")
         VALUES ($1, $2, $3, 'incident.status', 'incident', $4, $5::jsonb, $6)`,
        [analyst ? "user" : "system", analyst?.id ?? null, analyst?.email ?? "system", t.id, JSON.stringify({ from: "new", to: t.status }), t.resolvedAt ?? t.containedAt ?? t.acknowledgedAt],
      );
    }
  });
}
