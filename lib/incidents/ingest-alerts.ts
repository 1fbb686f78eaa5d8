// An alert batch from a sensor: normalize each event (bad ones rejected by index), store the
// new ones in one transaction (replays are deduplicated), and fold them into incidents scored
// by the blast radius of the workload they hit.
import type { TActor } from "../auth/actor";
import { env } from "../env";
import type { TNormalizedAlert } from "../alerts/types";
import { AlertParseError } from "../alerts/alert-parse-error";
import { normalizeFalcoEvent, normalizeTetragonEvent } from "../alerts";
import { withTransaction } from "../db/pg";
import { insertAlerts } from "../db/alerts";
import { ensureAlertPartitions } from "../db/partitions";
import { clusterState } from "../db/resolve-workloads";
import { toAlertRow } from "./alert-row";
import { alertTarget } from "./alert-target";
import { resolveTargets, targetId } from "./resolve-targets";
import { foldIntoIncidents } from "./fold-into-incidents";

export interface TIngestAlertsResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; error: string }[];
}

function maskPatterns(): RegExp[] {
  return env()
    .MASK_PATTERNS.split("\n")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new RegExp(p, "g"));
}

export function normalizeBatch(source: "falco" | "tetragon", items: { index: number; value: unknown }[]) {
  const normalize = source === "falco" ? normalizeFalcoEvent : normalizeTetragonEvent;
  const patterns = maskPatterns();
  const alerts: TNormalizedAlert[] = [];
  const rejected: { index: number; error: string }[] = [];
  for (const { index, value } of items) {
    try {
      alerts.push(normalize(value, { maskPatterns: patterns }));
    } catch (err) {
      if (!(err instanceof AlertParseError)) throw err;
      rejected.push({ index, error: err.message });
    }
  }
  return { alerts, rejected };
}

export async function ingestAlerts(
  _actor: TActor | "system",
  cluster: string,
  source: "falco" | "tetragon",
  items: { index: number; value: unknown }[],
  preRejected: { index: number; error: string }[] = [],
): Promise<TIngestAlertsResult> {
  const { alerts, rejected } = normalizeBatch(source, items);
  const allRejected = [...preRejected, ...rejected].sort((a, b) => a.index - b.index);
  if (alerts.length === 0) return { accepted: 0, duplicates: 0, rejected: allRejected };
  const windowMs = env().CORRELATION_WINDOW_MINUTES * 60_000;
  return withTransaction(async (client) => {
    const state = await clusterState(client, cluster);
    await ensureAlertPartitions(alerts.map((a) => a.time), client);
    const inserted = await insertAlerts(client, state.clusterId, alerts.map(toAlertRow));
    const byKey = new Map(alerts.map((a) => [a.dedupeKey, a]));
    const fresh = inserted.map((row) => ({ id: row.id, time: row.time, alert: byKey.get(row.dedupeKey)! }));
    const incidentAlerts = fresh.filter((f) => !f.alert.activity);
    if (incidentAlerts.length) {
      const targets = incidentAlerts.map((f) => alertTarget(f.alert));
      const resolved = await resolveTargets(client, state.snapshotId, targets);
      const withTargets = incidentAlerts.map((f, i) => ({ ...f, target: resolved.get(targetId(targets[i]))! }));
      await foldIntoIncidents(client, state, withTargets, windowMs);
    }
    return { accepted: inserted.length, duplicates: alerts.length - inserted.length, rejected: allRejected };
  });
}
