// Sensors seen per cluster (Falco, Tetragon): last event, volume in the last hour and day
// counted by the events' own time (a replayed week is not "the last hour"),
// and each cluster's inventory age — what the Sources page flags when silent or stale.
import { pgPool } from "./pg";
import { LISTED_WORKLOAD } from "./workloads";

export interface TSourceRow {
  cluster: string;
  source: string;
  lastEventAt: Date | null;
  lastReceivedAt: Date | null;
  /** events whose own time is in the last hour / day (not when they were received) */
  eventsLastHour: number;
  eventsLastDay: number;
}

export interface TClusterInventoryRow {
  cluster: string;
  snapshotAt: Date | null;
  pods: number | null;
  workloads: number | null;
  /** the current snapshot was made from live changes */
  live: boolean;
  /** when the newest live change was received (any, applied or not) */
  lastChangeAt: Date | null;
  /** changes received and not yet in the current snapshot, and when the oldest of them arrived */
  pendingChanges: number;
  oldestPendingAt: Date | null;
  /** for a live snapshot: when the newest change it includes was received */
  snapshotChangeAt: Date | null;
}

export async function listSources(): Promise<TSourceRow[]> {
  const res = await pgPool().query(
    `SELECT c.name AS cluster, a.source, max(a."time") AS "lastEventAt", max(a."receivedAt") AS "lastReceivedAt",
       count(*) FILTER (WHERE a."time" > now() - interval '1 hour')::int AS "eventsLastHour",
       count(*) FILTER (WHERE a."time" > now() - interval '1 day')::int AS "eventsLastDay"
     FROM alerts a JOIN clusters c ON c.id = a."clusterId"
     WHERE a."time" > now() - interval '7 days'
     GROUP BY c.name, a.source ORDER BY c.name, a.source`,
  );
  return res.rows;
}

export async function listClusterInventories(): Promise<TClusterInventoryRow[]> {
  const res = await pgPool().query(
    `SELECT c.name AS cluster, s."createdAt" AS "snapshotAt", s.pods, COALESCE(s.live, false) AS live, s."lastChangeAt" AS "snapshotChangeAt",
       (SELECT count(*)::int FROM workloads w WHERE w."snapshotId" = s.id AND ${LISTED_WORKLOAD}) AS workloads,
       ch."lastChangeAt", ch."pendingChanges", ch."oldestPendingAt"
     FROM clusters c
     LEFT JOIN inventory_snapshots s ON s.id = c."currentSnapshotId"
     -- one pass over the cluster's changes: the newest, and those the current snapshot does not include
     LEFT JOIN LATERAL (
       SELECT max("receivedAt") AS "lastChangeAt",
              (count(*) FILTER (WHERE seq > COALESCE(s."throughSeq", 0)))::int AS "pendingChanges",
              min("receivedAt") FILTER (WHERE seq > COALESCE(s."throughSeq", 0)) AS "oldestPendingAt"
       FROM inventory_changes WHERE "clusterId" = c.id
     ) ch ON true
     ORDER BY c.name`,
  );
  return res.rows;
}
