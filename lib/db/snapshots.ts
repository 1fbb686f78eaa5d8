// Stores an inventory snapshot — graph, workloads with their blast radius, pod index — in one
// transaction with what must go with it (re-scoring, audit), makes it the cluster's current one,
// and prunes old snapshots. A failure leaves the previous snapshot current and intact.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { CopyBinaryWriter } from "./copy-binary";
import type pg from "pg";
import { pgPool, withTransaction } from "./pg";
import { OPEN_STATUS_SQL } from "./open-incidents-sql";
import { applyOwnership } from "./ownership";
import { recordPosture } from "./posture";
import type { TPostureFigures } from "../snapshots/posture-figures";

export interface TWorkloadRecord {
  key: string;
  /** lib/snapshots/workload-id.ts */
  stableId: string;
  kind: string;
  namespace: string;
  name: string;
  teamName: string | null;
  /** how the inventory's Team documents decided teamName (null when unowned) */
  teamSource?: "team_namespace" | "team_selector" | null;
  score: number;
  breakdown: unknown;
  pods: string[];
  tierCounts: unknown;
  reachable: unknown;
}

export interface TSnapshotRecord {
  /** the id to store it under (a live run names it before the analysis); a new one when absent */
  id?: string;
  cluster: string;
  uploadedBy: string;
  objects: number;
  pods: number;
  edges: number;
  assets: number;
  skipped: Record<string, number>;
  graph: Uint8Array;
  teamNames: string[];
  workloads: TWorkloadRecord[];
  /** per namespace, the stand-in that scores pods the inventory does not show (kind UnknownPod) */
  unknownPods?: TWorkloadRecord[];
  podIndex: { namespace: string; name: string; workloadKey: string; nodeName: string | null; serviceAccount: string | null }[];
  controllers: { namespace: string; kind: string; name: string; workloadKey: string; selector?: unknown }[];
  /** gzip'd JSON List of the documents (what live changes apply to) */
  source?: Uint8Array;
  /** a live snapshot stored without source: the snapshot whose source its documents start from (lib/db/live-inventory.ts snapshotDocuments) */
  sourceBaseId?: string;
  /**
   * A live run's pod index and controllers as a change (lib/snapshots/row-delta.ts): the rows of
   * snapshot `snapshotId` are copied but the dropped ones, and `podIndex` / `controllers` hold only
   * the rows to write.
   */
  rowsFrom?: TRowsFrom;
  /** the posture figures of the inventory (lib/snapshots/posture-figures.ts) */
  posture?: TPostureFigures;
  /** live: made from changes up to this inventory_changes.seq; a full upload supersedes every change so far */
  live?: { throughSeq: string; lastChangeAt: Date };
}

export interface TRowsFrom {
  snapshotId: string;
  /**
   * Every workload's team by the inventory's Team documents ([key, team name, how]): copied rows
   * keep the team ids of the snapshot they come from, so they are set again by name (a team
   * deleted or renamed since is the one the documents name, as a full upload makes it).
   */
  teams: [key: string, team: string, source: string][];
  dropPods: { namespace: string; name: string }[];
  dropControllers: { namespace: string; kind: string; name: string }[];
  /** workload rows (UnknownPod stand-ins included) not to copy; null: write them all (`workloads` holds every one) */
  dropWorkloads: string[] | null;
}

/**
 * A live run stored while the worker analyses it: the transaction starts at once and copies the
 * base snapshot's rows inside PostgreSQL while the analysis runs (the run's result then drops what
 * changed and writes it). `record` settles with the analysis.
 */
export interface TLateSnapshotRecord {
  id: string;
  cluster: string;
  /** the snapshot whose rows to copy meanwhile (the run's base; null: none), and whether its workload rows too (not at a compaction, which writes them all) */
  copyFrom: { snapshotId: string; workloads: boolean } | null;
  record: Promise<TSnapshotRecord>;
}

interface TCopied {
  snapshotId: string;
  workloads: boolean;
}

/** Every row of snapshot `from` (pod index, controllers, workloads if asked) copied to `snapshotId`, inside PostgreSQL; null when `from` is gone. */
async function copyRows(client: pg.PoolClient, snapshotId: string, from: { snapshotId: string; workloads: boolean }): Promise<TCopied | null> {
  const base = await client.query(`SELECT 1 FROM inventory_snapshots WHERE id = $1`, [from.snapshotId]);
  if (base.rowCount === 0) return null;
  await client.query(
    `INSERT INTO snapshot_pods ("snapshotId", namespace, name, "workloadKey", "nodeName", "serviceAccount")
     SELECT $1, namespace, name, "workloadKey", "nodeName", "serviceAccount" FROM snapshot_pods WHERE "snapshotId" = $2`,
    [snapshotId, from.snapshotId],
  );
  await client.query(
    `INSERT INTO snapshot_controllers ("snapshotId", namespace, kind, name, "workloadKey", selector)
     SELECT $1, namespace, kind, name, "workloadKey", selector FROM snapshot_controllers WHERE "snapshotId" = $2`,
    [snapshotId, from.snapshotId],
  );
  if (from.workloads) await copyWorkloads(client, snapshotId, from.snapshotId, []);
  return { snapshotId: from.snapshotId, workloads: from.workloads };
}

// Paths are integers over the snapshot's vertex dictionary, which a live run extends (never
// renumbers): an unchanged workload's row is valid as it is. Owners are applied again after.
async function copyWorkloads(client: pg.PoolClient, snapshotId: string, from: string, except: string[]): Promise<void> {
  await client.query(
    `INSERT INTO workloads (id, "snapshotId", key, "stableId", kind, namespace, name, "teamId", "teamSource", "inventoryTeamId", "inventoryTeamSource",
                            score, breakdown, pods, "tierCounts", reachable)
     SELECT gen_random_uuid()::text, $1, key, "stableId", kind, namespace, name, "teamId", "teamSource", "inventoryTeamId", "inventoryTeamSource",
            score, breakdown, pods, "tierCounts", reachable
     FROM workloads WHERE "snapshotId" = $2 AND key <> ALL($3::text[])`,
    [snapshotId, from, except],
  );
}

/** The copied rows a live run's result replaces or removes (it writes the replacements after). */
async function dropChangedRows(client: pg.PoolClient, snapshotId: string, from: TRowsFrom, copied: TCopied): Promise<void> {
  if (from.dropPods.length) {
    await client.query(`DELETE FROM snapshot_pods WHERE "snapshotId" = $1 AND (namespace, name) IN (SELECT * FROM unnest($2::text[], $3::text[]))`, [
      snapshotId,
      from.dropPods.map((p) => p.namespace),
      from.dropPods.map((p) => p.name),
    ]);
  }
  if (from.dropControllers.length) {
    await client.query(`DELETE FROM snapshot_controllers WHERE "snapshotId" = $1 AND (namespace, kind, name) IN (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]))`, [
      snapshotId,
      from.dropControllers.map((c) => c.namespace),
      from.dropControllers.map((c) => c.kind),
      from.dropControllers.map((c) => c.name),
    ]);
  }
  if (!copied.workloads) {
    if (from.dropWorkloads !== null) await copyWorkloads(client, snapshotId, from.snapshotId, from.dropWorkloads);
  } else if (from.dropWorkloads === null) await client.query(`DELETE FROM workloads WHERE "snapshotId" = $1`, [snapshotId]);
  else if (from.dropWorkloads.length) await client.query(`DELETE FROM workloads WHERE "snapshotId" = $1 AND key = ANY($2::text[])`, [snapshotId, from.dropWorkloads]);
}

/** Copied workload rows get the inventory team the documents name, by name (rows the run writes are resolved as they are written). */
async function retagCopiedTeams(client: pg.PoolClient, snapshotId: string, teams: TRowsFrom["teams"]): Promise<void> {
  await client.query(
    `UPDATE workloads w SET "inventoryTeamId" = t.id, "inventoryTeamSource" = u.source
     FROM unnest($2::text[], $3::text[], $4::text[]) AS u(key, team, source) JOIN teams t ON t.name = u.team
     WHERE w."snapshotId" = $1 AND w.key = u.key AND (w."inventoryTeamId", w."inventoryTeamSource") IS DISTINCT FROM (t.id, u.source)`,
    [snapshotId, teams.map(([key]) => key), teams.map(([, team]) => team), teams.map(([, , source]) => source)],
  );
}

/** `rows` in slices of at most `size` (one statement's worth of parameters). */
function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

// FOR NO KEY UPDATE: one snapshot at a time per cluster, while alerts may still open incidents
// on it (their foreign key takes a KEY SHARE lock on the row, which this does not block).
async function lockCluster(client: pg.PoolClient, name: string): Promise<string> {
  const select = `SELECT id FROM clusters WHERE name = $1 FOR NO KEY UPDATE`;
  let res = await client.query(select, [name]);
  if (res.rowCount === 0) {
    await client.query(`INSERT INTO clusters (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [randomUUID(), name]);
    res = await client.query(select, [name]);
  }
  return res.rows[0].id;
}

/** Teams named by the inventory's Team documents exist afterwards; returns name → id and the names created. */
async function ensureTeams(client: pg.PoolClient, names: string[]): Promise<{ ids: Map<string, string>; created: string[] }> {
  const created: string[] = [];
  if (names.length) {
    const res = await client.query(
      `INSERT INTO teams (id, name, "displayName", "updatedAt")
       SELECT gen_random_uuid()::text, n, n, now() FROM unnest($1::text[]) AS n
       ON CONFLICT (name) DO NOTHING RETURNING name`,
      [names],
    );
    created.push(...res.rows.map((r: { name: string }) => r.name));
  }
  const all = await client.query(`SELECT id, name FROM teams WHERE name = ANY($1::text[])`, [names]);
  return { ids: new Map(all.rows.map((r: { id: string; name: string }) => [r.name, r.id])), created };
}

const WORKLOAD_COPY = `COPY workloads (id, "snapshotId", key, "stableId", kind, namespace, name, "teamId", "teamSource", "inventoryTeamId", "inventoryTeamSource",
  score, breakdown, pods, "tierCounts", reachable) FROM STDIN (FORMAT binary)`;

/** One binary COPY (nothing escaped or parsed as array literals: a 10,000-pod cluster's paths are ~1 MB of JSON). */
async function insertWorkloads(client: pg.PoolClient, snapshotId: string, rows: TWorkloadRecord[], teamIds: Map<string, string>) {
  if (rows.length === 0) return;
  const w = new CopyBinaryWriter(64 * 1024);
  for (const r of rows) {
    const team = r.teamName ? (teamIds.get(r.teamName) ?? null) : null;
    const source = team ? (r.teamSource ?? "team_namespace") : null;
    w.row(16)
      .text(randomUUID()).text(snapshotId).text(r.key).text(r.stableId).text(r.kind).text(r.namespace).text(r.name)
      .text(team).text(source).text(team).text(source)
      .float8(r.score).jsonb(JSON.stringify(r.breakdown)).textArray(r.pods).jsonb(JSON.stringify(r.tierCounts)).jsonb(JSON.stringify(r.reachable));
  }
  await pipeline(Readable.from([w.finish()]), client.query(copyFrom(WORKLOAD_COPY)));
}

async function insertPodIndex(client: pg.PoolClient, snapshotId: string, pods: TSnapshotRecord["podIndex"]) {
  for (const part of chunks(pods, 10_000)) {
    await client.query(
      `INSERT INTO snapshot_pods ("snapshotId", namespace, name, "workloadKey", "nodeName", "serviceAccount")
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT DO NOTHING`,
      [
        snapshotId,
        part.map((p) => p.namespace),
        part.map((p) => p.name),
        part.map((p) => p.workloadKey),
        part.map((p) => p.nodeName),
        part.map((p) => p.serviceAccount),
      ],
    );
  }
}

/**
 * Stores the snapshot and makes it current; `andThen` runs in the same transaction, under the
 * cluster's row lock (so concurrent uploads for one cluster run one after the other, and what
 * `andThen` does always goes with the snapshot that is current when it commits).
 */
async function insertControllers(client: pg.PoolClient, snapshotId: string, rows: TSnapshotRecord["controllers"]) {
  for (const part of chunks(rows, 10_000)) {
    await client.query(
      `INSERT INTO snapshot_controllers ("snapshotId", namespace, kind, name, "workloadKey", selector)
       SELECT $1, u.ns, u.kind, u.name, u.key, u.selector::jsonb FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(ns, kind, name, key, selector)
       ON CONFLICT DO NOTHING`,
      [
        snapshotId,
        part.map((c) => c.namespace),
        part.map((c) => c.kind),
        part.map((c) => c.name),
        part.map((c) => c.workloadKey),
        part.map((c) => (c.selector ? JSON.stringify(c.selector) : null)),
      ],
    );
  }
}

export async function storeSnapshot<T>(
  input: TSnapshotRecord | TLateSnapshotRecord,
  keep: number,
  andThen: (client: pg.PoolClient, stored: { snapshotId: string; clusterId: string; createdTeams: string[]; copyMs: number | null }) => Promise<T>,
): Promise<{ snapshotId: string; clusterId: string; createdTeams: string[]; then: T }> {
  return withTransaction(async (client) => {
    const clusterId = await lockCluster(client, input.cluster);
    const snapshotId = input.id ?? randomUUID();
    // the row first (its rows refer to it), filled in once the analysis is done
    await client.query(
      `INSERT INTO inventory_snapshots (id, "clusterId", "uploadedBy", objects, pods, edges, assets, skipped, graph) VALUES ($1, $2, '', 0, 0, 0, 0, '{}', ''::bytea)`,
      [snapshotId, clusterId],
    );
    let rec: TSnapshotRecord;
    let copied: TCopied | null = null;
    // how long PostgreSQL took to copy the base's rows, while the worker analysed (a live run's figures)
    let copyMs: number | null = null;
    if ("record" in input) {
      await client.query("SAVEPOINT copied_rows");
      const t0 = performance.now();
      const copy = input.copyFrom
        ? copyRows(client, snapshotId, input.copyFrom).then((rows) => {
            copyMs = Math.round(performance.now() - t0);
            return rows;
          })
        : Promise.resolve(null);
      [copied, rec] = await Promise.all([copy, input.record]);
      // a result that is not a change against the copied rows (the worker was sent the documents) writes them all
      if (copied && rec.rowsFrom?.snapshotId !== copied.snapshotId) {
        await client.query("ROLLBACK TO SAVEPOINT copied_rows");
        copied = null;
      }
    } else rec = input;
    if (rec.rowsFrom) {
      copied ??= await copyRows(client, snapshotId, { snapshotId: rec.rowsFrom.snapshotId, workloads: false });
      // pruned by a concurrent upload: the run fails, its changes stay stored, and the next run writes every row
      if (!copied) throw new Error(`snapshot ${rec.rowsFrom.snapshotId}, the base of this live run, is gone`);
      await dropChangedRows(client, snapshotId, rec.rowsFrom, copied);
    }
    const teams = await ensureTeams(client, rec.teamNames);
    const bytes = (b: Uint8Array | undefined) => (b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : null);
    // a full upload includes (supersedes) every change received so far
    const throughSeq =
      rec.live?.throughSeq ??
      (await client.query(`SELECT max(seq)::text AS seq FROM inventory_changes WHERE "clusterId" = $1`, [clusterId])).rows[0].seq ??
      null;
    await client.query(
      `UPDATE inventory_snapshots SET "uploadedBy" = $2, objects = $3, pods = $4, edges = $5, assets = $6, skipped = $7::jsonb, graph = $8, source = $9,
         "throughSeq" = $10::bigint, live = $11, "lastChangeAt" = $12, "sourceBaseId" = $13
       WHERE id = $1`,
      [
        snapshotId,
        rec.uploadedBy,
        rec.objects,
        rec.pods,
        rec.edges,
        rec.assets,
        JSON.stringify(rec.skipped),
        bytes(rec.graph),
        bytes(rec.source),
        throughSeq,
        Boolean(rec.live),
        rec.live?.lastChangeAt ?? null,
        rec.source ? null : (rec.sourceBaseId ?? null),
      ],
    );
    if (rec.rowsFrom) await retagCopiedTeams(client, snapshotId, rec.rowsFrom.teams);
    await insertWorkloads(client, snapshotId, [...rec.workloads, ...(rec.unknownPods ?? [])], teams.ids);
    await insertPodIndex(client, snapshotId, rec.podIndex);
    await insertControllers(client, snapshotId, rec.controllers);
    await client.query(`UPDATE clusters SET "currentSnapshotId" = $1 WHERE id = $2`, [snapshotId, clusterId]);
    // managers' ownership rules outlive snapshots: they decide over the Team documents
    await applyOwnership(client, clusterId, snapshotId);
    if (rec.posture) await recordPosture(client, clusterId, snapshotId, rec.posture);
    // The last `keep`, and any an open incident shows "as at its first alert", until it closes;
    // and the source base of any snapshot kept (its documents start from it).
    await client.query(
      `WITH kept AS (
         SELECT id FROM (SELECT id FROM inventory_snapshots WHERE "clusterId" = $1 ORDER BY "createdAt" DESC, id LIMIT $2) recent
         UNION SELECT "snapshotAtFirstAlert" FROM incidents WHERE "clusterId" = $1 AND "snapshotAtFirstAlert" IS NOT NULL
                 AND "mergedIntoId" IS NULL AND ${OPEN_STATUS_SQL}
       )
       DELETE FROM inventory_snapshots WHERE "clusterId" = $1
         AND id NOT IN (SELECT id FROM kept WHERE id IS NOT NULL)
         AND id NOT IN (SELECT s."sourceBaseId" FROM inventory_snapshots s JOIN kept k ON k.id = s.id WHERE s."sourceBaseId" IS NOT NULL)`,
      [clusterId, keep],
    );
    // changes every kept snapshot includes are spent
    await client.query(
      `DELETE FROM inventory_changes WHERE "clusterId" = $1
         AND seq <= (SELECT COALESCE(min(COALESCE("throughSeq", 0)), 0) FROM inventory_snapshots WHERE "clusterId" = $1)`,
      [clusterId],
    );
    const then = await andThen(client, { snapshotId, clusterId, createdTeams: teams.created, copyMs });
    return { snapshotId, clusterId, createdTeams: teams.created, then };
  });
}

/** The cluster's current snapshot id; null when the cluster or its inventory does not exist. */
export async function currentSnapshotIdOf(cluster: string): Promise<string | null> {
  const res = await pgPool().query(`SELECT "currentSnapshotId" FROM clusters WHERE name = $1`, [cluster]);
  return res.rows[0]?.currentSnapshotId ?? null;
}

export async function loadSnapshotGraph(snapshotId: string): Promise<Buffer | null> {
  const res = await pgPool().query(`SELECT graph FROM inventory_snapshots WHERE id = $1`, [snapshotId]);
  return res.rows[0]?.graph ?? null;
}

/** Clusters that have an inventory, by name. */
export async function inventoriedClusters(): Promise<string[]> {
  const res = await pgPool().query(`SELECT name FROM clusters WHERE "currentSnapshotId" IS NOT NULL ORDER BY name`);
  return res.rows.map((r: { name: string }) => r.name);
}
