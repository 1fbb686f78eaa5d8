// Turns alert targets into incident keys with the workload's stored blast radius, using the
// cluster's current inventory snapshot.
import type pg from "pg";
import { resolvePods, resolveServiceAccounts, workloadScores, type TWorkloadScore } from "../db/resolve-workloads";
import type { TTarget } from "./alert-target";
import type { TIncidentScoreInput } from "./score-incident";

export interface TResolvedTarget {
  key: string;
  kind: string;
  namespace: string | null;
  name: string;
  workload: TWorkloadScore | null;
  basis: TIncidentScoreInput["basis"];
}

const targetId = (t: TTarget) =>
  t.kind === "pod" ? `pod:${t.namespace}/${t.pod}` : t.kind === "serviceAccount" ? `sa:${t.namespace}/${t.name}` : `${t.kind}:${t.name}`;
export { targetId };

function fromWorkload(w: TWorkloadScore): TResolvedTarget {
  return { key: w.key, kind: w.kind, namespace: w.namespace, name: w.name, workload: w, basis: "workload" };
}

export async function resolveTargets(client: pg.PoolClient, snapshotId: string | null, targets: TTarget[]): Promise<Map<string, TResolvedTarget>> {
  const pods = targets.filter((t): t is Extract<TTarget, { kind: "pod" }> => t.kind === "pod").map((t) => ({ namespace: t.namespace, name: t.pod }));
  const accounts = targets.filter((t): t is Extract<TTarget, { kind: "serviceAccount" }> => t.kind === "serviceAccount").map((t) => `${t.namespace}/${t.name}`);
  const podMap = snapshotId ? await resolvePods(client, snapshotId, pods) : new Map();
  const saMap = snapshotId ? await resolveServiceAccounts(client, snapshotId, accounts) : new Map<string, string[]>();
  const keys = [...[...podMap.values()].map((p) => p.workloadKey), ...[...saMap.values()].flat()];
  const scores = snapshotId ? await workloadScores(client, snapshotId, [...new Set(keys)]) : new Map<string, TWorkloadScore>();
  const out = new Map<string, TResolvedTarget>();
  for (const t of targets) {
    const id = targetId(t);
    if (out.has(id)) continue;
    if (t.kind === "pod") {
      const w = scores.get(podMap.get(`${t.namespace}/${t.pod}`)?.workloadKey ?? "");
      out.set(id, w ? fromWorkload(w) : { key: `Pod/${t.namespace}/${t.pod}`, kind: "Pod", namespace: t.namespace, name: t.pod, workload: null, basis: "not_in_inventory" });
    } else if (t.kind === "serviceAccount") {
      // The acting identity's most exposed workload: the one an attacker with that token reaches most from.
      const candidates = (saMap.get(`${t.namespace}/${t.name}`) ?? []).map((k) => scores.get(k)).filter((w): w is TWorkloadScore => Boolean(w));
      const best = candidates.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))[0];
      out.set(
        id,
        best
          ? fromWorkload(best)
          : { key: `ServiceAccount/${t.namespace}/${t.name}`, kind: "ServiceAccount", namespace: t.namespace, name: t.name, workload: null, basis: "not_in_inventory" },
      );
    } else if (t.kind === "user") {
      out.set(id, { key: `User/${t.name}`, kind: "User", namespace: null, name: t.name, workload: null, basis: "user" });
    } else {
      out.set(id, { key: `Node/${t.name}`, kind: "Node", namespace: null, name: t.name, workload: null, basis: "node" });
    }
  }
  return out;
}
