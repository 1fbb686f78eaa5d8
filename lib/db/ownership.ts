// Ownership (DESIGN.md "Managers"): who owns each workload of the current inventories and how that
// was decided, and the rules managers set — "namespace X → team Y", or one workload → team Y —
// which apply to the current snapshot at once and to every later one when it is stored.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { TActor } from "../auth/actor";
import { missing } from "../errors";
import { writeAuditWith } from "./audit";
import { openStatusSql } from "./open-incidents-sql";
import { pgPool, withTransaction } from "./pg";
import { argList } from "./scope-sql";
import { LISTED_WORKLOAD } from "./workloads";

/** How a workload's owner was decided. */
export const TEAM_SOURCES = ["team_namespace", "team_selector", "namespace_rule", "workload_rule"] as const;
export type TTeamSource = (typeof TEAM_SOURCES)[number];

/**
 * Makes the rules of a cluster the owners of the workloads of one of its snapshots (a workload rule
 * first, then the namespace's, else what the inventory's Team documents said), and brings the
 * cluster's open incidents in line with their workload's owner when that snapshot is current.
 * Returns how many listed workloads changed owner.
 */
export async function applyOwnership(client: pg.PoolClient, clusterId: string, snapshotId: string): Promise<number> {
  const updated = await client.query(
    `UPDATE workloads w SET
       "teamId" = COALESCE(wr."teamId", nr."teamId", w."inventoryTeamId"),
       "teamSource" = CASE WHEN wr.id IS NOT NULL THEN 'workload_rule' WHEN nr.id IS NOT NULL THEN 'namespace_rule' ELSE w."inventoryTeamSource" END
     FROM workloads w0
     LEFT JOIN ownership_rules wr ON wr."clusterId" = $1 AND wr.namespace = w0.namespace AND wr."workloadKey" = w0.key
     LEFT JOIN ownership_rules nr ON nr."clusterId" = $1 AND nr.namespace = w0.namespace AND nr."workloadKey" IS NULL
     WHERE w.id = w0.id AND w0."snapshotId" = $2
       AND (w."teamId", w."teamSource") IS DISTINCT FROM
           (COALESCE(wr."teamId", nr."teamId", w."inventoryTeamId"),
            CASE WHEN wr.id IS NOT NULL THEN 'workload_rule' WHEN nr.id IS NOT NULL THEN 'namespace_rule' ELSE w."inventoryTeamSource" END)
     RETURNING w.kind, (w0."teamId" IS DISTINCT FROM w."teamId") AS "ownerChanged"`,
    [clusterId, snapshotId],
  );
  // Open incidents follow their workload's owner (a pod the inventory does not show: its namespace's stand-in).
  await client.query(
    `UPDATE incidents i SET "teamId" = w."teamId", "updatedAt" = now()
     FROM clusters c, workloads w
     WHERE c.id = $1 AND c."currentSnapshotId" = $2 AND i."clusterId" = c.id AND w."snapshotId" = $2
       AND w.key = CASE WHEN i."notInInventory" AND i."workloadKind" = 'Pod' AND i.namespace IS NOT NULL
                        THEN 'UnknownPod/' || i.namespace || '/default' ELSE i."workloadKey" END
       AND i."mergedIntoId" IS NULL AND ${openStatusSql("i")}
       AND i."teamId" IS DISTINCT FROM w."teamId"`,
    [clusterId, snapshotId],
  );
  // w0 is the row as it was before the update: listed workloads whose owner changed
  return updated.rows.filter((r: { kind: string; ownerChanged: boolean }) => r.ownerChanged && r.kind !== "UnknownPod").length;
}

export interface TOwnershipFilter {
  cluster?: string;
  namespace?: string;
  /** a team's name, or "none" for unowned workloads */
  team?: string;
  source?: TTeamSource | "none";
  limit: number;
  offset: number;
}

export interface TOwnershipRow {
  stableId: string;
  cluster: string;
  key: string;
  kind: string;
  namespace: string;
  name: string;
  team: string | null;
  teamSource: TTeamSource | null;
  inventoryTeam: string | null;
  score: number;
  tierCounts: Record<string, number>;
  /** the rule that decided the owner, if a manager's */
  ruleId: string | null;
}

export interface TOwnershipSummary {
  workloads: number;
  unowned: number;
  /** unowned workloads that reach a critical asset */
  unownedCritical: number;
  bySource: Record<string, number>;
}

/** Workloads of every current inventory with their owners: unowned first, each group by blast radius. */
export async function listOwnership(f: TOwnershipFilter): Promise<{ items: TOwnershipRow[]; total: number; summary: TOwnershipSummary }> {
  const args: unknown[] = [];
  const arg = argList(args);
  const where: string[] = [LISTED_WORKLOAD];
  if (f.cluster) where.push(`c.name = ${arg(f.cluster)}`);
  if (f.namespace) where.push(`w.namespace = ${arg(f.namespace)}`);
  if (f.team === "none") where.push(`w."teamId" IS NULL`);
  else if (f.team) where.push(`t.name = ${arg(f.team)}`);
  if (f.source === "none") where.push(`w."teamSource" IS NULL`);
  else if (f.source) where.push(`w."teamSource" = ${arg(f.source)}`);
  const from = `FROM workloads w
    JOIN clusters c ON c."currentSnapshotId" = w."snapshotId"
    LEFT JOIN teams t ON t.id = w."teamId"
    WHERE ${where.join(" AND ")}`;
  const filterArgs = [...args];
  const [rows, summary, sources] = await Promise.all([
    pgPool().query(
      `SELECT w."stableId", c.name AS cluster, w.key, w.kind, w.namespace, w.name, t.name AS team, w."teamSource",
              it.name AS "inventoryTeam", w.score, w."tierCounts", r.id AS "ruleId"
       FROM (SELECT w.*, c.id AS "clusterId" ${from}
             ORDER BY (w."teamId" IS NULL) DESC, w.score DESC, c.name, w.key
             LIMIT ${arg(f.limit)} OFFSET ${arg(f.offset)}) w
       JOIN clusters c ON c.id = w."clusterId"
       LEFT JOIN teams t ON t.id = w."teamId"
       LEFT JOIN teams it ON it.id = w."inventoryTeamId"
       LEFT JOIN ownership_rules r ON r."clusterId" = c.id AND r.namespace = w.namespace
         AND ((w."teamSource" = 'workload_rule' AND r."workloadKey" = w.key) OR (w."teamSource" = 'namespace_rule' AND r."workloadKey" IS NULL))
       ORDER BY (w."teamId" IS NULL) DESC, w.score DESC, c.name, w.key`,
      args,
    ),
    pgPool().query(
      `SELECT count(*)::int AS workloads, count(*) FILTER (WHERE w."teamId" IS NULL)::int AS unowned,
              count(*) FILTER (WHERE w."teamId" IS NULL AND COALESCE((w."tierCounts"->>'critical')::int, 0) > 0)::int AS "unownedCritical"
       ${from}`,
      filterArgs,
    ),
    pgPool().query(`SELECT COALESCE(w."teamSource", 'none') AS source, count(*)::int AS n ${from} GROUP BY 1`, filterArgs),
  ]);
  const s = summary.rows[0];
  const bySource = Object.fromEntries(sources.rows.map((r: { source: string; n: number }) => [r.source, r.n]));
  return { items: rows.rows, total: s.workloads, summary: { workloads: s.workloads, unowned: s.unowned, unownedCritical: s.unownedCritical, bySource } };
}

export interface TOwnershipRuleInput {
  cluster: string;
  namespace: string;
  /** one workload's key; absent for the whole namespace */
  workloadKey?: string;
  /** the team's name */
  team: string;
  reason?: string;
}

export interface TOwnershipRule {
  id: string;
  cluster: string;
  namespace: string;
  workloadKey: string | null;
  team: string;
  reason: string | null;
  createdBy: string;
  createdAt: Date;
}

const RULE_COLUMNS = `r.id, c.name AS cluster, r.namespace, r."workloadKey", t.name AS team, r.reason, r."createdByLabel" AS "createdBy", r."createdAt"`;

export async function listOwnershipRules(): Promise<TOwnershipRule[]> {
  const res = await pgPool().query(
    `SELECT ${RULE_COLUMNS} FROM ownership_rules r JOIN clusters c ON c.id = r."clusterId" JOIN teams t ON t.id = r."teamId"
     ORDER BY c.name, r.namespace, r."workloadKey" NULLS FIRST`,
  );
  return res.rows;
}

/**
 * Sets (or replaces) the rule for a namespace or one workload, applies it to the cluster's current
 * snapshot and its open incidents, and audits it — in one transaction.
 */
export async function putOwnershipRule(actor: TActor, input: TOwnershipRuleInput, ip: string | null): Promise<{ rule: TOwnershipRule; changed: number }> {
  return withTransaction(async (client) => {
    const cluster = (await client.query(`SELECT id, "currentSnapshotId" FROM clusters WHERE name = $1 FOR UPDATE`, [input.cluster])).rows[0];
    if (!cluster) throw missing(`cluster ${input.cluster}`);
    const team = (await client.query(`SELECT id FROM teams WHERE name = $1`, [input.team])).rows[0];
    if (!team) throw missing(`team ${input.team}`);
    if (input.workloadKey && cluster.currentSnapshotId) {
      const found = await client.query(`SELECT 1 FROM workloads w WHERE "snapshotId" = $1 AND key = $2 AND namespace = $3 AND ${LISTED_WORKLOAD}`, [
        cluster.currentSnapshotId,
        input.workloadKey,
        input.namespace,
      ]);
      if (!found.rowCount) throw missing(`workload ${input.workloadKey} in cluster ${input.cluster}`);
    }
    const res = await client.query(
      `INSERT INTO ownership_rules (id, "clusterId", namespace, "workloadKey", "teamId", reason, "createdById", "createdByLabel")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("clusterId", namespace, COALESCE("workloadKey", '')) DO UPDATE
         SET "teamId" = EXCLUDED."teamId", reason = EXCLUDED.reason, "createdById" = EXCLUDED."createdById",
             "createdByLabel" = EXCLUDED."createdByLabel", "createdAt" = now()
       RETURNING id`,
      [randomUUID(), cluster.id, input.namespace, input.workloadKey ?? null, team.id, input.reason ?? null, actor.kind === "user" ? actor.id : null, actor.label],
    );
    const id: string = res.rows[0].id;
    const changed = cluster.currentSnapshotId ? await applyOwnership(client, cluster.id, cluster.currentSnapshotId) : 0;
    await writeAuditWith(
      client,
      actor,
      { action: "ownership.rule_set", targetType: "ownership_rule", targetId: id, details: { cluster: input.cluster, namespace: input.namespace, workloadKey: input.workloadKey ?? null, team: input.team, reason: input.reason ?? null, workloadsChanged: changed } },
      ip,
    );
    const rule = (await client.query(`SELECT ${RULE_COLUMNS} FROM ownership_rules r JOIN clusters c ON c.id = r."clusterId" JOIN teams t ON t.id = r."teamId" WHERE r.id = $1`, [id])).rows[0];
    return { rule, changed };
  });
}

/** Removes a rule: its workloads go back to the next rule or to what the inventory says. Null when absent. */
export async function deleteOwnershipRule(actor: TActor, id: string, ip: string | null): Promise<{ rule: TOwnershipRule; changed: number } | null> {
  return withTransaction(async (client) => {
    const rule: (TOwnershipRule & { clusterId: string }) | undefined = (
      await client.query(`SELECT ${RULE_COLUMNS}, r."clusterId" FROM ownership_rules r JOIN clusters c ON c.id = r."clusterId" JOIN teams t ON t.id = r."teamId" WHERE r.id = $1`, [id])
    ).rows[0];
    if (!rule) return null;
    const current: string | null = (await client.query(`SELECT "currentSnapshotId" FROM clusters WHERE id = $1 FOR UPDATE`, [rule.clusterId])).rows[0].currentSnapshotId;
    await client.query(`DELETE FROM ownership_rules WHERE id = $1`, [id]);
    const changed = current ? await applyOwnership(client, rule.clusterId, current) : 0;
    const shown: TOwnershipRule = { id: rule.id, cluster: rule.cluster, namespace: rule.namespace, workloadKey: rule.workloadKey, team: rule.team, reason: rule.reason, createdBy: rule.createdBy, createdAt: rule.createdAt };
    await writeAuditWith(client, actor, { action: "ownership.rule_removed", targetType: "ownership_rule", targetId: id, details: { ...shown, createdAt: rule.createdAt.toISOString(), workloadsChanged: changed } }, ip);
    return { rule: shown, changed };
  });
}

/** The clusters and namespaces of every current inventory, for the ownership filters. */
export async function ownershipFacets(): Promise<{ clusters: string[]; namespaces: string[] }> {
  const res = await pgPool().query(
    `SELECT array_agg(DISTINCT c.name ORDER BY c.name) AS clusters, array_agg(DISTINCT w.namespace ORDER BY w.namespace) AS namespaces
     FROM workloads w JOIN clusters c ON c."currentSnapshotId" = w."snapshotId" WHERE ${LISTED_WORKLOAD}`,
  );
  return { clusters: res.rows[0]?.clusters ?? [], namespaces: res.rows[0]?.namespaces ?? [] };
}
