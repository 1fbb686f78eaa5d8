// An alert batch from a sensor: normalize each event (bad ones rejected by index), store the
// new ones in one transaction (replays are deduplicated), and fold them into incidents scored
// by the blast radius of the workload they hit.
import type { TActor } from "../auth/actor";
import { env } from "../env";
import type { TNormalizedAlert } from "../alerts/types";
import { normalizeBatch } from "../alerts/normalize-batch";
import { compileMaskPatterns } from "../alerts/mask-patterns";
import { acceptedTimeWindow } from "../alerts/event-time";
import { withTransaction, type TTx } from "../db/pg";
import { copyAlerts, reassignAlerts, storedDedupeKeys } from "../db/alerts";
import { addIncidentTerms, rememberCommittedTerms, type TTermColumns } from "../db/incident-terms";
import { lockWorkloads, openIncidents, writeIncidents, type TIncidentWrite, type TOpenIncidentRow } from "../db/incident-writes";
import { ensureAlertPartitions, forgetKnownPartitions, isMissingPartition } from "../db/partitions";
import { clusterState } from "../db/resolve-workloads";
import { toAlertRow } from "./alert-row";
import { alertTarget } from "./alert-target";
import { resolveTargets, targetId } from "./resolve-targets";
import { planIncidents, samePlanInputs, withEvidence, type TIncidentPlan } from "./fold-into-incidents";

export interface TIngestAlertsResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; error: string }[];
}

const RETRYABLE = new Set(["23505", "40P01", "40001"]);
const MAX_ATTEMPTS = 5;

/**
 * One transaction per batch, built so that concurrent batches on the same workloads overlap:
 * 1. without locks: drop events already stored, resolve workloads, plan incidents against the
 *    open incidents as read now, and COPY the new alerts with the planned incident ids;
 * 2. under the workload locks (held until commit, so briefly): read the open incidents again,
 *    plan again keeping the ids of step 1, move the few alerts whose incident changed (another
 *    batch opened or extended an incident in between), and write the incidents.
 * A concurrent replay of the same events makes the COPY fail on the unique key (or wait for the
 * other batch and then fail); the whole transaction is then retried and finds them stored, so
 * nothing is stored or counted twice.
 */
export async function ingestAlerts(
  _actor: TActor | "system",
  cluster: string,
  source: "falco" | "tetragon",
  items: { index: number; value: unknown }[],
  preRejected: { index: number; error: string }[] = [],
): Promise<TIngestAlertsResult> {
  const { alerts, rejected } = normalizeBatch(source, items, compileMaskPatterns(env().MASK_PATTERNS), acceptedTimeWindow(env().ALERT_RETENTION_DAYS));
  return storeAlerts(cluster, alerts, [...preRejected, ...rejected]);
}

/** Stores normalized alerts (see the comment above) and answers with the counts. */
export async function storeAlerts(cluster: string, alerts: TNormalizedAlert[], rejected: { index: number; error: string }[]): Promise<TIngestAlertsResult> {
  const allRejected = [...rejected].sort((a, b) => a.index - b.index);
  if (alerts.length === 0) return { accepted: 0, duplicates: 0, rejected: allRejected };
  const unique = [...new Map(alerts.map((a) => [a.dedupeKey, a])).values()];
  let partitionRetried = false;
  for (let attempt = 1; ; attempt++) {
    try {
      // Optimistic first: new events are the rule, so skip looking for stored ones until a COPY
      // meets one (unique_violation), then check on every retry.
      const { accepted, terms } = await withTransaction((client) => storeBatch(client, cluster, unique, attempt > 1));
      if (terms) rememberCommittedTerms(terms);
      return { accepted, duplicates: alerts.length - accepted, rejected: allRejected };
    } catch (err) {
      // Maintenance (another process) dropped a partition this process thought it had: check again, once.
      if (isMissingPartition(err) && !partitionRetried) {
        partitionRetried = true;
        forgetKnownPartitions();
        continue;
      }
      const code = (err as { code?: string }).code;
      if (attempt >= MAX_ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
    }
  }
}

/**
 * The open incident of each workload as this process last wrote it, for the plan made before the
 * locks: a guess that saves a query per batch. It may be stale (another instance, a triage
 * change); the plan made under the locks reads the database and corrects the guess.
 */
const lastOpen = new Map<string, TOpenIncidentRow>();
const LAST_OPEN_MAX = 100_000;

async function guessOpenIncidents(client: TTx, clusterId: string, keys: string[]): Promise<Map<string, TOpenIncidentRow>> {
  const out = new Map<string, TOpenIncidentRow>();
  const missing: string[] = [];
  for (const key of keys) {
    const known = lastOpen.get(`${clusterId}|${key}`);
    if (known) out.set(key, known);
    else missing.push(key);
  }
  if (missing.length > 0) for (const [key, row] of await openIncidents(client, clusterId, missing)) out.set(key, row);
  return out;
}

function rememberOpen(clusterId: string, open: Map<string, TOpenIncidentRow>, writes: TIncidentWrite[]): void {
  if (lastOpen.size > LAST_OPEN_MAX) lastOpen.clear();
  for (const w of writes) {
    const cacheKey = `${clusterId}|${w.workloadKey}`;
    const before = lastOpen.get(cacheKey);
    if (before && before.id !== w.id && before.lastSeen > w.lastSeen) continue;
    const prior = open.get(w.workloadKey);
    const current = prior && prior.id === w.id ? prior : null;
    const raised = !current || w.severityRank > current.severityRank;
    lastOpen.set(cacheKey, {
      id: w.id,
      workloadKey: w.workloadKey,
      firstSeen: w.firstSeen,
      lastSeen: w.lastSeen,
      severityRank: raised ? w.severityRank : current.severityRank,
      severity: raised ? w.severity : current.severity,
      title: raised ? w.title : current.title,
      scoreBreakdown: w.scoreBreakdown as TOpenIncidentRow["scoreBreakdown"],
    });
  }
}

/** The ids a plan creates, by the dedupe key of each alert it placed there: kept when planning again. */
function preferredIds(plan: TIncidentPlan): Map<string, string> {
  return new Map([...plan.placement].filter(([, id]) => plan.created.has(id)));
}

async function storeBatch(client: TTx, cluster: string, unique: TNormalizedAlert[], checkStored: boolean): Promise<{ accepted: number; terms: TTermColumns | null }> {
  const windowMs = env().CORRELATION_WINDOW_MINUTES * 60_000;
  const state = await clusterState(client, cluster);
  await ensureAlertPartitions(unique.map((a) => a.time), client);
  const stored = checkStored ? await storedDedupeKeys(client, unique) : new Set<string>();
  const fresh = unique.filter((a) => !stored.has(a.dedupeKey));
  if (fresh.length === 0) return { accepted: 0, terms: null };
  const forIncidents = fresh.filter((a) => !a.activity);
  const targets = forIncidents.map(alertTarget);
  const resolved = await resolveTargets(client, state.snapshotId, targets);
  const placed = await withEvidence(
    forIncidents.map((alert, i) => ({ alert, target: resolved.get(targetId(targets[i]))! })),
    state.snapshotId,
  );
  const keys = [...new Set(placed.map((p) => p.target.key))];
  const guessed = await guessOpenIncidents(client, state.clusterId, keys);
  const guess = planIncidents(state, placed, guessed, windowMs);
  const byKey = new Map(placed.map((p) => [p.alert.dedupeKey, p]));
  const rows = fresh.map((a) => {
    const p = byKey.get(a.dedupeKey);
    return toAlertRow(a, {
      incidentId: guess.placement.get(a.dedupeKey) ?? null,
      workloadKey: p?.target.key ?? null,
      evidence: p?.evidence.length ? JSON.stringify(p.evidence) : "[]",
    });
  });
  await copyAlerts(client, state.clusterId, rows);
  if (placed.length === 0) return { accepted: fresh.length, terms: null };
  await lockWorkloads(client, state.clusterId, keys);
  const open = await openIncidents(client, state.clusterId, keys);
  // The guess was right (the rule while one process ingests): planning again would give the same plan.
  const plan = samePlanInputs(guessed, open) ? guess : planIncidents(state, placed, open, windowMs, preferredIds(guess));
  const moves = (plan === guess ? [] : placed)
    .filter((p) => plan.placement.get(p.alert.dedupeKey) !== guess.placement.get(p.alert.dedupeKey))
    .map((p) => ({ dedupeKey: p.alert.dedupeKey, time: p.alert.time, incidentId: plan.placement.get(p.alert.dedupeKey)! }));
  await reassignAlerts(client, moves);
  await writeIncidents(client, plan.writes);
  // after the incidents exist: what the queue's search finds them by
  const terms = await addIncidentTerms(
    client,
    rows.flatMap((row) => {
      const incidentId = plan.placement.get(row.dedupeKey);
      return incidentId ? [{ incidentId, row }] : [];
    }),
  );
  // remembered before commit: if the commit fails, the guess is wrong and the next plan corrects it
  rememberOpen(state.clusterId, open, plan.writes);
  return { accepted: fresh.length, terms };
}
