// Where alerts land: pod → workload through a snapshot's pod index, service account → its
// workloads (for Kubernetes audit events), and the workloads' stored blast radius.
import type { TTierBreakdown } from "../graph/types";
import type pg from "pg";
import type { TControllerRecord } from "../graph/pod-name-owner";

export interface TClusterState {
  clusterId: string;
  snapshotId: string | null;
}

/** The cluster by name (created on first alert) and its current snapshot. */
export async function clusterState(client: pg.PoolClient, name: string): Promise<TClusterState> {
  // A plain read first: an upsert would lock the cluster's row and serialize concurrent batches.
  const select = `SELECT id, "currentSnapshotId" FROM clusters WHERE name = $1`;
  let res = await client.query(select, [name]);
  if (res.rowCount === 0) {
    await client.query(`INSERT INTO clusters (id, name) VALUES (gen_random_uuid()::text, $1) ON CONFLICT (name) DO NOTHING`, [name]);
    res = await client.query(select, [name]);
  }
  return { clusterId: res.rows[0].id, snapshotId: res.rows[0].currentSnapshotId };
}

export async function resolvePods(
  client: pg.PoolClient,
  snapshotId: string,
  pods: { namespace: string; name: string }[],
): Promise<Map<string, { workloadKey: string; nodeName: string | null }>> {
  const out = new Map<string, { workloadKey: string; nodeName: string | null }>();
  if (pods.length === 0) return out;
  const res = await client.query(
    `SELECT p.namespace, p.name, p."workloadKey", p."nodeName" FROM snapshot_pods p
     JOIN unnest($2::text[], $3::text[]) AS u(ns, n) ON p.namespace = u.ns AND p.name = u.n
     WHERE p."snapshotId" = $1`,
    [snapshotId, pods.map((p) => p.namespace), pods.map((p) => p.name)],
  );
  for (const r of res.rows) out.set(`${r.namespace}/${r.name}`, { workloadKey: r.workloadKey, nodeName: r.nodeName });
  return out;
}

/** The distinct pods the alerts of these incidents came from: incident id → "ns/pod" list. */
export async function alertPodsOf(client: pg.PoolClient, incidentIds: string[]): Promise<Map<string, { namespace: string; name: string }[]>> {
  const out = new Map<string, { namespace: string; name: string }[]>();
  if (incidentIds.length === 0) return out;
  const res = await client.query(
    `SELECT DISTINCT "incidentId", namespace, pod FROM alerts WHERE "incidentId" = ANY($1::text[]) AND pod IS NOT NULL AND namespace IS NOT NULL`,
    [incidentIds],
  );
  for (const r of res.rows) out.set(r.incidentId, [...(out.get(r.incidentId) ?? []), { namespace: r.namespace, name: r.pod }]);
  return out;
}

/** The pod-naming controllers of these namespaces in a snapshot. */
export async function controllersIn(client: pg.PoolClient, snapshotId: string, namespaces: string[]): Promise<TControllerRecord[]> {
  if (namespaces.length === 0) return [];
  const res = await client.query(
    `SELECT namespace, kind, name, "workloadKey", selector FROM snapshot_controllers WHERE "snapshotId" = $1 AND namespace = ANY($2::text[])`,
    [snapshotId, namespaces],
  );
  return res.rows;
}

/** Service account "ns/name" → the workload keys whose pods run as it. */
export async function resolveServiceAccounts(client: pg.PoolClient, snapshotId: string, accounts: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (accounts.length === 0) return out;
  const res = await client.query(
    `SELECT DISTINCT namespace || '/' || "serviceAccount" AS sa, "workloadKey" FROM snapshot_pods
     WHERE "snapshotId" = $1 AND (namespace || '/' || "serviceAccount") = ANY($2::text[])`,
    [snapshotId, accounts],
  );
  for (const r of res.rows) out.set(r.sa, [...(out.get(r.sa) ?? []), r.workloadKey]);
  return out;
}

export interface TWorkloadScore {
  key: string;
  kind: string;
  namespace: string;
  name: string;
  teamId: string | null;
  score: number;
  breakdown: TTierBreakdown[];
  reachable: { p: number[][] };
}

export async function workloadScores(client: pg.PoolClient | pg.Pool, snapshotId: string, keys: string[]): Promise<Map<string, TWorkloadScore>> {
  const out = new Map<string, TWorkloadScore>();
  if (keys.length === 0) return out;
  const res = await client.query(
    `SELECT key, kind, namespace, name, "teamId", score, breakdown, reachable FROM workloads
     WHERE "snapshotId" = $1 AND key = ANY($2::text[])`,
    [snapshotId, keys],
  );
  for (const r of res.rows) out.set(r.key, r);
  return out;
}
