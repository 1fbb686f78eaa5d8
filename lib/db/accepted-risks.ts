// Accepted risks (DESIGN.md "Three kinds of expected"): storage, the incidents they cover, and the
// sweep that records each expiry once. Every create, change, revocation and expiry is audited in the
// transaction that makes it; the cluster's latest posture point counts the active ones.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { TActor } from "../auth/actor";
import type { TScope } from "../auth/scope";
import type { TEdgeRef, TRiskState } from "../domain/accepted-risk";
import { conflicting, invalid, missing } from "../errors";
import { writeAuditWith } from "./audit";
import { pgPool, withTransaction } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

/** `ar` is accepted now. */
const ACTIVE = `(ar."revokedAt" IS NULL AND ar."expiresAt" > now())`;
const STATE = `CASE WHEN ar."revokedAt" IS NOT NULL THEN 'revoked' WHEN ar."expiresAt" <= now() THEN 'expired' ELSE 'active' END`;

/** Joins an incident `i` to the active risks of its workload, as one row `acc` (null fields when none). */
export const ACCEPTED_JOIN = `LEFT JOIN LATERAL (
    SELECT count(*)::int AS n, bool_or(ar."edgeKind" IS NULL) AS "wholeWorkload", min(ar."expiresAt") AS "until",
           (array_agg(ar."ownerLabel" ORDER BY ar."expiresAt"))[1] AS owner
    FROM accepted_risks ar
    WHERE ar."clusterId" = i."clusterId" AND ar."workloadKey" = i."workloadKey" AND ${ACTIVE}) acc ON true`;
export const ACCEPTED_COLUMNS = `CASE WHEN acc.n > 0 THEN json_build_object('count', acc.n, 'wholeWorkload', acc."wholeWorkload", 'until', acc."until", 'owner', acc.owner) END AS "acceptedRisk"`;
/** Incidents whose workload has an active accepted risk (on it or on an edge of its graph). */
export const ACCEPTED_CONDITION = `EXISTS (SELECT 1 FROM accepted_risks ar WHERE ar."clusterId" = i."clusterId" AND ar."workloadKey" = i."workloadKey" AND ${ACTIVE})`;

export interface TAcceptedOnIncident {
  count: number;
  wholeWorkload: boolean;
  until: string;
  owner: string;
}

export interface TAcceptedRiskRow {
  id: string;
  cluster: string;
  workloadId: string;
  workloadKey: string;
  edgeFrom: string | null;
  edgeKind: string | null;
  edgeTo: string | null;
  ownerId: string | null;
  ownerLabel: string;
  reason: string;
  expiresAt: Date;
  createdByLabel: string;
  createdAt: Date;
  updatedAt: Date;
  revokedAt: Date | null;
  revokedByLabel: string | null;
  state: TRiskState;
  /** the workload's owning team in its cluster's current inventory */
  team: string | null;
}

const SELECT = `SELECT ar.id, c.name AS cluster, ar."workloadId", ar."workloadKey", ar."edgeFrom", ar."edgeKind", ar."edgeTo",
    ar."ownerId", ar."ownerLabel", ar.reason, ar."expiresAt", ar."createdByLabel", ar."createdAt", ar."updatedAt",
    ar."revokedAt", ar."revokedByLabel", ${STATE} AS state, t.name AS team
  FROM accepted_risks ar
  JOIN clusters c ON c.id = ar."clusterId"
  LEFT JOIN workloads w ON w."snapshotId" = c."currentSnapshotId" AND w.key = ar."workloadKey"
  LEFT JOIN teams t ON t.id = w."teamId"`;

export interface TAcceptedRiskFilter {
  state?: TRiskState;
  cluster?: string;
  workloadId?: string;
  /** risks expiring (or expired) in [from, to) */
  expiringFrom?: Date;
  expiringTo?: Date;
  limit: number;
}

/** Accepted risks in scope (a developer: those on workloads their teams own now), soonest expiry first. */
export async function listAcceptedRisks(f: TAcceptedRiskFilter, scope: TScope): Promise<TAcceptedRiskRow[]> {
  const args: unknown[] = [];
  const arg = argList(args);
  const where = [`true ${scopeCondition(scope, `w."teamId"`, arg)}`];
  if (f.state) where.push(`${STATE} = ${arg(f.state)}`);
  if (f.cluster) where.push(`c.name = ${arg(f.cluster)}`);
  if (f.workloadId) where.push(`ar."workloadId" = ${arg(f.workloadId)}`);
  if (f.expiringFrom) where.push(`ar."expiresAt" >= ${arg(f.expiringFrom)}`);
  if (f.expiringTo) where.push(`ar."expiresAt" < ${arg(f.expiringTo)}`);
  const res = await pgPool().query(
    `${SELECT} WHERE ${where.join(" AND ")}
     ORDER BY (${STATE} = 'active') DESC, ar."expiresAt", ar.id LIMIT ${arg(f.limit)}`,
    args,
  );
  return res.rows;
}

export async function findAcceptedRisk(id: string, scope: TScope): Promise<TAcceptedRiskRow | null> {
  const args: unknown[] = [id];
  const res = await pgPool().query(`${SELECT} WHERE ar.id = $1 ${scopeCondition(scope, `w."teamId"`, argList(args))}`, args);
  return res.rows[0] ?? null;
}

/** The active risks of one workload of a cluster (by key), for the graph's labels. */
export async function activeRisksOfWorkload(cluster: string, workloadKey: string): Promise<TAcceptedRiskRow[]> {
  const res = await pgPool().query(`${SELECT} WHERE c.name = $1 AND ar."workloadKey" = $2 AND ${ACTIVE} ORDER BY ar."expiresAt", ar.id`, [cluster, workloadKey]);
  return res.rows;
}

async function ownerOf(client: pg.PoolClient, ownerId: string): Promise<{ id: string; label: string }> {
  const u = (await client.query(`SELECT id, name, email, disabled FROM users WHERE id = $1`, [ownerId])).rows[0];
  if (!u || u.disabled) throw invalid("ownerId: no active user has this id");
  return { id: u.id, label: u.name || u.email };
}

/** The active accepted risks of the cluster $1, as an SQL expression. */
const ACTIVE_COUNT = `(SELECT count(*)::int FROM accepted_risks ar WHERE ar."clusterId" = $1 AND ${ACTIVE})`;

/** Brings the cluster's latest posture point's count of active accepted risks up to date. */
async function refreshPostureCount(client: pg.PoolClient, clusterId: string): Promise<void> {
  await client.query(
    `UPDATE posture_points p SET figures = jsonb_set(p.figures, '{acceptedRisks}', to_jsonb(${ACTIVE_COUNT}))
     WHERE p.id = (SELECT id FROM posture_points WHERE "clusterId" = $1 ORDER BY at DESC LIMIT 1)`,
    [clusterId],
  );
}

/** How many accepted risks exist, in any state. */
export async function acceptedRiskCount(): Promise<number> {
  return (await pgPool().query(`SELECT count(*)::int AS n FROM accepted_risks`)).rows[0].n;
}

/** Active accepted risks of a cluster now (posture). */
export async function activeRiskCount(client: pg.PoolClient, clusterId: string): Promise<number> {
  return (await client.query(`SELECT ${ACTIVE_COUNT} AS n`, [clusterId])).rows[0].n;
}

export interface TNewAcceptedRisk {
  cluster: string;
  workloadId: string;
  workloadKey: string;
  /** stable identifiers of the edge; null for the whole workload */
  edge: TEdgeRef | null;
  ownerId: string;
  reason: string;
  expiresAt: Date;
}

export async function insertAcceptedRisk(actor: TActor, r: TNewAcceptedRisk, ip: string | null): Promise<TAcceptedRiskRow> {
  const id = randomUUID();
  await withTransaction(async (client) => {
    const c = (await client.query(`SELECT id FROM clusters WHERE name = $1`, [r.cluster])).rows[0];
    if (!c) throw missing("cluster");
    // one decision per target: two active acceptances of the same thing would disagree on expiry
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('blast-radius:accepted-risk:' || $1))`, [r.workloadId]);
    const same = await client.query(
      `SELECT id FROM accepted_risks ar WHERE ar."workloadId" = $1 AND ${ACTIVE}
         AND ar."edgeFrom" IS NOT DISTINCT FROM $2 AND ar."edgeKind" IS NOT DISTINCT FROM $3 AND ar."edgeTo" IS NOT DISTINCT FROM $4`,
      [r.workloadId, r.edge?.from ?? null, r.edge?.edge ?? null, r.edge?.to ?? null],
    );
    if (same.rows[0]) throw conflicting(`this risk is already accepted (accepted risk ${same.rows[0].id}): change that one instead`);
    const owner = await ownerOf(client, r.ownerId);
    await client.query(
      `INSERT INTO accepted_risks (id, "clusterId", "workloadId", "workloadKey", "edgeFrom", "edgeKind", "edgeTo", "ownerId", "ownerLabel",
                                   reason, "expiresAt", "createdById", "createdByLabel")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [id, c.id, r.workloadId, r.workloadKey, r.edge?.from ?? null, r.edge?.edge ?? null, r.edge?.to ?? null, owner.id, owner.label,
        r.reason, r.expiresAt, actor.userId, actor.label],
    );
    await writeAuditWith(
      client,
      actor,
      {
        action: "accepted_risk.create",
        targetType: "accepted_risk",
        targetId: id,
        details: { cluster: r.cluster, workload: r.workloadKey, edge: r.edge ? { ...r.edge } : null, owner: owner.label, reason: r.reason, expiresAt: r.expiresAt.toISOString() },
      },
      ip,
    );
    await refreshPostureCount(client, c.id);
  });
  return (await findAcceptedRisk(id, { all: true }))!;
}

export interface TAcceptedRiskPatch {
  ownerId?: string;
  reason?: string;
  expiresAt?: Date;
}

/** Changes owner, reason or expiry (a new expiry renews an expired risk); a revoked one stays revoked. */
export async function updateAcceptedRisk(actor: TActor, id: string, patch: TAcceptedRiskPatch, ip: string | null): Promise<TAcceptedRiskRow> {
  await withTransaction(async (client) => {
    const before = (await client.query(`SELECT * FROM accepted_risks WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!before) throw missing("accepted risk");
    if (before.revokedAt) throw conflicting("this accepted risk was revoked: accept the risk again instead");
    const owner = patch.ownerId ? await ownerOf(client, patch.ownerId) : { id: before.ownerId, label: before.ownerLabel };
    const after = { ownerLabel: owner.label, reason: patch.reason ?? before.reason, expiresAt: patch.expiresAt ?? before.expiresAt };
    await client.query(
      `UPDATE accepted_risks SET "ownerId" = $2, "ownerLabel" = $3, reason = $4, "expiresAt" = $5, "updatedAt" = now(),
         "expiryRecordedAt" = CASE WHEN $5 > now() THEN NULL ELSE "expiryRecordedAt" END
       WHERE id = $1`,
      [id, owner.id, owner.label, after.reason, after.expiresAt],
    );
    const iso = (d: Date) => new Date(d).toISOString();
    await writeAuditWith(
      client,
      actor,
      {
        action: "accepted_risk.update",
        targetType: "accepted_risk",
        targetId: id,
        details: {
          before: { owner: before.ownerLabel, reason: before.reason, expiresAt: iso(before.expiresAt) },
          after: { owner: after.ownerLabel, reason: after.reason, expiresAt: iso(after.expiresAt) },
        },
      },
      ip,
    );
    await refreshPostureCount(client, before.clusterId);
  });
  return (await findAcceptedRisk(id, { all: true }))!;
}

/** Ends an acceptance before its expiry: the risk counts again at once. */
export async function revokeAcceptedRisk(actor: TActor, id: string, reason: string | undefined, ip: string | null): Promise<TAcceptedRiskRow> {
  await withTransaction(async (client) => {
    const row = (await client.query(`SELECT id, "clusterId", "revokedAt" FROM accepted_risks WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!row) throw missing("accepted risk");
    if (row.revokedAt) throw conflicting("this accepted risk is already revoked");
    await client.query(`UPDATE accepted_risks SET "revokedAt" = now(), "revokedByLabel" = $2, "updatedAt" = now() WHERE id = $1`, [id, actor.label]);
    await writeAuditWith(client, actor, { action: "accepted_risk.revoke", targetType: "accepted_risk", targetId: id, details: { reason: reason ?? null } }, ip);
    await refreshPostureCount(client, row.clusterId);
  });
  return (await findAcceptedRisk(id, { all: true }))!;
}

/**
 * Records every expiry that has happened and is not yet recorded: once per risk, audited (actor
 * "system", owner named) and announced with NOTIFY accepted_risk_expired. Returns how many.
 */
export async function sweepExpiredRisks(): Promise<number> {
  lastSweep = Date.now();
  return withTransaction(async (client) => {
    const locked = (await client.query(`SELECT pg_try_advisory_xact_lock(hashtext('blast-radius:risk-expiry-sweep')) AS ok`)).rows[0].ok;
    if (!locked) return 0;
    const res = await client.query(
      `WITH expired AS (
         UPDATE accepted_risks SET "expiryRecordedAt" = now()
         WHERE "revokedAt" IS NULL AND "expiresAt" <= now() AND "expiryRecordedAt" IS NULL
         RETURNING id, "clusterId", "workloadKey", "ownerLabel", "expiresAt"),
       audited AS (
         INSERT INTO audit_log ("actorType", "actorId", "actorLabel", action, "targetType", "targetId", details, ip)
         SELECT 'system', NULL, 'system', 'accepted_risk.expired', 'accepted_risk', e.id,
                jsonb_build_object('workload', e."workloadKey", 'owner', e."ownerLabel",
                                   'expiresAt', to_char(e."expiresAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), NULL
         FROM expired e
         RETURNING 1)
       SELECT e.id, e."clusterId"
       FROM expired e
       CROSS JOIN LATERAL (SELECT pg_notify('accepted_risk_expired', json_build_object('id', e.id, 'workload', e."workloadKey", 'owner', e."ownerLabel")::text)) n`,
    );
    for (const clusterId of new Set(res.rows.map((r: { clusterId: string }) => r.clusterId))) await refreshPostureCount(client, clusterId);
    return res.rowCount ?? 0;
  });
}

let lastSweep = 0;
/** A sweep unless this process swept in the last `maxAgeMs` (reads call it; the minute timer sweeps anyway). */
export async function sweepExpiredRisksIfStale(maxAgeMs = 30_000): Promise<number> {
  return Date.now() - lastSweep > maxAgeMs ? sweepExpiredRisks() : 0;
}
