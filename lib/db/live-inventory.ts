// Storage of a live inventory: watch events kept as they arrive (accepted = durable), the
// current snapshot's documents and the changes it does not include yet, and a per-cluster
// advisory lock so one replica at a time turns changes into a snapshot.
import type pg from "pg";
import { pgPool, withTransaction } from "./pg";
import { clusterState } from "./resolve-workloads";

export interface TStoredChange {
  seq: string;
  type: "ADDED" | "MODIFIED" | "DELETED";
  key: string;
  document: Record<string, unknown> | null;
  receivedAt: Date;
}

export class LiveBaseMissingError extends Error {}

// Identities are `kind \0 namespace \0 name`; PostgreSQL text cannot hold NUL, so the unit separator stands in.
const toColumn = (key: string) => key.replace(/\0/g, "\u001f");
const fromColumn = (key: string) => key.replace(/\u001f/g, "\0");

/** Appends changes for the cluster (created by its first inventory or alert, as uploads do); returns the last seq. */
export async function insertChanges(cluster: string, changes: { type: string; key: string; document: Record<string, unknown> | null }[]): Promise<string | null> {
  if (changes.length === 0) return null;
  return withTransaction(async (client) => {
    const { clusterId, snapshotId } = await clusterState(client, cluster);
    const current = snapshotId
      ? await client.query(`SELECT (source IS NOT NULL OR "sourceBaseId" IS NOT NULL) AS "hasSource" FROM inventory_snapshots WHERE id = $1`, [snapshotId])
      : null;
    if (current?.rows[0] && !current.rows[0].hasSource) {
      throw new LiveBaseMissingError(`cluster ${cluster}'s current inventory was uploaded before live inventories: post a full inventory first, then its changes`);
    }
    const res = await client.query(
      `INSERT INTO inventory_changes ("clusterId", type, key, document)
       SELECT $1, u.type, u.key, u.doc::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(type, key, doc, n)
       ORDER BY u.n
       RETURNING seq::text`,
      [clusterId, changes.map((c) => c.type), changes.map((c) => toColumn(c.key)), changes.map((c) => (c.document ? JSON.stringify(c.document) : null))],
    );
    return (res.rows as { seq: string }[]).reduce((last, r) => (BigInt(r.seq) > BigInt(last) ? r.seq : last), res.rows[0].seq as string);
  });
}

export interface TLiveState {
  /** the current snapshot; null when the cluster has no inventory yet */
  snapshotId: string | null;
  throughSeq: string | null;
  /**
   * The snapshot whose stored documents the current one's start from: itself when it stores its
   * own, else its source base; with how many changes the cluster has had since it, and how many
   * snapshots name it as their base.
   */
  sourceBase: { id: string; throughSeq: string | null; changesSince: number; deltas: number } | null;
  /** changes after throughSeq, in order */
  changes: TStoredChange[];
}

export async function loadLiveState(client: pg.PoolClient, cluster: string): Promise<TLiveState | null> {
  const snap = await client.query(
    `SELECT c.id AS "clusterId", s.id AS "snapshotId", s."throughSeq"::text AS "throughSeq", b.id AS "baseId", b."throughSeq"::text AS "baseThroughSeq",
            (SELECT count(*)::int FROM inventory_snapshots d WHERE d."sourceBaseId" = b.id) AS deltas
     FROM clusters c LEFT JOIN inventory_snapshots s ON s.id = c."currentSnapshotId"
       LEFT JOIN inventory_snapshots b ON b.id = COALESCE(s."sourceBaseId", s.id)
     WHERE c.name = $1`,
    [cluster],
  );
  const row = snap.rows[0];
  if (!row) return null;
  const changes = await changesBetween(client, row.clusterId, row.throughSeq, null);
  let sourceBase: TLiveState["sourceBase"] = null;
  if (row.baseId) {
    const since = await client.query(`SELECT count(*)::int AS n FROM inventory_changes WHERE "clusterId" = $1 AND seq > COALESCE($2::bigint, 0)`, [row.clusterId, row.baseThroughSeq]);
    sourceBase = { id: row.baseId, throughSeq: row.baseThroughSeq, changesSince: since.rows[0].n, deltas: row.deltas };
  }
  return { snapshotId: row.snapshotId, throughSeq: row.throughSeq, sourceBase, changes };
}

async function changesBetween(client: pg.Pool | pg.PoolClient, clusterId: string, after: string | null, through: string | null): Promise<TStoredChange[]> {
  const res = await client.query(
    `SELECT seq::text, type, key, document, "receivedAt" FROM inventory_changes
     WHERE "clusterId" = $1 AND seq > COALESCE($2::bigint, 0) AND ($3::bigint IS NULL OR seq <= $3::bigint) ORDER BY seq`,
    [clusterId, after, through],
  );
  return res.rows.map((c: TStoredChange) => ({ ...c, key: fromColumn(c.key) }));
}

/**
 * The stored documents a snapshot's documents start from (gzip'd JSON List) and the changes to
 * apply to them: its own source and none, or its source base's and the changes after the base up
 * to the snapshot. Null when the snapshot (or its base) is gone or stores none.
 */
export async function snapshotDocuments(snapshotId: string, client: pg.Pool | pg.PoolClient = pgPool()): Promise<{ source: Buffer; changes: TStoredChange[] } | null> {
  const res = await client.query(
    `SELECT s."clusterId", s."throughSeq"::text AS "throughSeq", b.source, b."throughSeq"::text AS "baseThroughSeq", s."sourceBaseId" IS NOT NULL AS delta
     FROM inventory_snapshots s JOIN inventory_snapshots b ON b.id = COALESCE(s."sourceBaseId", s.id) WHERE s.id = $1`,
    [snapshotId],
  );
  const row = res.rows[0];
  if (!row?.source) return null;
  return { source: row.source, changes: row.delta ? await changesBetween(client, row.clusterId, row.baseThroughSeq, row.throughSeq) : [] };
}

/** Runs `fn` holding the cluster's live-inventory lock (waits for another replica's run to finish). */
export async function withLiveLock<T>(cluster: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('blast-radius:live:' || $1))`, [cluster]);
    try {
      return await fn(client);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('blast-radius:live:' || $1))`, [cluster]);
    }
  } finally {
    client.release();
  }
}
