// An alert batch from a sensor: normalize each event (bad ones rejected by index), store the
// new ones in one transaction (replays are deduplicated), and fold them into incidents scored
// by the blast radius of the workload they hit.
import type { TActor } from "../auth/actor";
import { env } from "../env";
import type { TNormalizedAlert } from "../alerts/types";
import { AlertParseError } from "../alerts/alert-parse-error";
import { normalizeFalcoEvent, normalizeTetragonEvent } from "../alerts";
import { withTransaction } from "../db/pg";
import { insertAlerts, storedDedupeKeys } from "../db/alerts";
import { lockWorkloads, uncountLost } from "../db/incident-writes";
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

/**
 * Order matters for exactness under concurrency: lock the incident keys first, then check which
 * events are already stored, fold only the new ones into incidents, then insert them with their
 * incident. A concurrent replay of the same events needs the same locks, so it waits and then
 * sees them stored: nothing is counted twice, and nothing needs an UPDATE of alert rows.
 */
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
  const unique = [...new Map(alerts.map((a) => [a.dedupeKey, a])).values()];
  return withTransaction(async (client) => {
    const state = await clusterState(client, cluster);
    await ensureAlertPartitions(unique.map((a) => a.time), client);
    const forIncidents = unique.filter((a) => !a.activity);
    const targets = forIncidents.map(alertTarget);
    const resolved = await resolveTargets(client, state.snapshotId, targets);
    const targeted = forIncidents.map((alert, i) => ({ alert, target: resolved.get(targetId(targets[i]))! }));
    await lockWorkloads(client, state.clusterId, [...new Set(targeted.map((t) => t.target.key))]);
    const stored = await storedDedupeKeys(client, unique);
    const fresh = unique.filter((a) => !stored.has(a.dedupeKey));
    const placed = await foldIntoIncidents(client, state, targeted.filter((t) => !stored.has(t.alert.dedupeKey)), windowMs);
    const rows = fresh.map((a) => {
      const p = placed.get(a.dedupeKey);
      return { ...toAlertRow(a), incidentId: p?.incidentId ?? null, workloadKey: p?.workloadKey ?? null, evidence: JSON.stringify(p?.evidence ?? []) };
    });
    const inserted = await insertAlerts(client, state.clusterId, rows);
    if (inserted.length !== rows.length) await uncountLost(client, rows, inserted);
    return { accepted: inserted.length, duplicates: alerts.length - inserted.length, rejected: allRejected };
  });
}
