// Turns alert targets into incident keys with the workload's stored blast radius, using the
// cluster's current inventory snapshot.
import { controllersIn, resolvePods, resolveServiceAccounts, workloadScores, type TWorkloadScore } from "../db/resolve-workloads";
import { newPodKey } from "../graph/blast-radius";
import { ownerByLabels, ownerByPodName, type TPodNameMatch } from "../graph/pod-name-owner";
import type { TTarget } from "./alert-target";
import type { TIncidentScoreInput } from "./score-incident";
import type { TTx } from "../db/pg";

export interface TResolvedTarget {
  key: string;
  kind: string;
  namespace: string | null;
  name: string;
  workload: TWorkloadScore | null;
  basis: TIncidentScoreInput["basis"];
  /** how a pod target was matched (DESIGN.md "Resolution of an alert's pod"); null for other targets */
  resolvedBy: "pod" | "sensor" | "controller_name" | "labels" | "not_in_inventory" | null;
  /** the controller whose name matched, for controller_name */
  resolution?: { kind: string; name: string; unseenReplicaSet?: boolean };
}

const targetId = (t: TTarget) =>
  t.kind === "pod" ? `pod:${t.namespace}/${t.pod}` : t.kind === "serviceAccount" ? `sa:${t.namespace}/${t.name}` : `${t.kind}:${t.name}`;
export { targetId };

function fromWorkload(w: TWorkloadScore, resolvedBy: TResolvedTarget["resolvedBy"] = null): TResolvedTarget {
  return { key: w.key, kind: w.kind, namespace: w.namespace, name: w.name, workload: w, basis: "workload", resolvedBy };
}

export async function resolveTargets(client: TTx, snapshotId: string | null, targets: TTarget[]): Promise<Map<string, TResolvedTarget>> {
  const pods = targets.filter((t): t is Extract<TTarget, { kind: "pod" }> => t.kind === "pod").map((t) => ({ namespace: t.namespace, name: t.pod }));
  const accounts = targets.filter((t): t is Extract<TTarget, { kind: "serviceAccount" }> => t.kind === "serviceAccount").map((t) => `${t.namespace}/${t.name}`);
  const podMap = snapshotId ? await resolvePods(client, snapshotId, pods) : new Map();
  // Pods the snapshot does not list (new replicas, rollouts, Job runs): by the workload the sensor
  // names, else by the controller that named them.
  const byName = new Map<string, TPodNameMatch & { by: "sensor" | "controller_name" | "labels" }>();
  const podTargets = targets.filter((t): t is Extract<TTarget, { kind: "pod" }> => t.kind === "pod");
  const unlisted = podTargets.filter((p) => !podMap.has(`${p.namespace}/${p.pod}`));
  if (snapshotId && unlisted.length) {
    const controllers = await controllersIn(client, snapshotId, [...new Set(unlisted.map((p) => p.namespace))]);
    for (const p of unlisted) {
      const inNamespace = controllers.filter((c) => c.namespace === p.namespace);
      const sensor = p.workload ? inNamespace.find((c) => c.name === p.workload!.name && (!p.workload!.kind || c.kind === p.workload!.kind) && c.workloadKey === `${c.kind}/${c.namespace}/${c.name}`) : undefined;
      const named = sensor ? null : ownerByPodName(p.pod, inNamespace, p.labels);
      const labelled = sensor || named || !p.labels ? null : ownerByLabels(p.labels, inNamespace);
      const match = sensor
        ? { workloadKey: sensor.workloadKey, via: { kind: sensor.kind, name: sensor.name }, by: "sensor" as const }
        : named
          ? { ...named, by: "controller_name" as const }
          : labelled
            ? { ...labelled, by: "labels" as const }
            : null;
      if (match) byName.set(`${p.namespace}/${p.pod}`, match);
    }
  }
  const saMap = snapshotId ? await resolveServiceAccounts(client, snapshotId, accounts) : new Map<string, string[]>();
  // pods no controller explains: scored as a new pod of their namespace (DESIGN.md "Pods newer than the snapshot")
  const standIns = unlisted.filter((p) => !byName.has(`${p.namespace}/${p.pod}`)).map((p) => newPodKey(p.namespace));
  const keys = [...[...podMap.values()].map((p) => p.workloadKey), ...[...byName.values()].map((m) => m.workloadKey), ...[...saMap.values()].flat(), ...standIns];
  const scores = snapshotId ? await workloadScores(client, snapshotId, [...new Set(keys)]) : new Map<string, TWorkloadScore>();
  const out = new Map<string, TResolvedTarget>();
  for (const t of targets) {
    const id = targetId(t);
    if (out.has(id)) continue;
    if (t.kind === "pod") {
      const listed = scores.get(podMap.get(`${t.namespace}/${t.pod}`)?.workloadKey ?? "");
      const match = byName.get(`${t.namespace}/${t.pod}`);
      const named = match ? scores.get(match.workloadKey) : undefined;
      if (listed) out.set(id, fromWorkload(listed, "pod"));
      else if (named && match) {
        out.set(id, { ...fromWorkload(named, match.by), resolution: { ...match.via, ...(match.unseenReplicaSet ? { unseenReplicaSet: true } : {}) } });
      }
      else {
        // an unknown workload: never attached to a neighbour, but scored from what its namespace gives any new pod
        const standIn = scores.get(newPodKey(t.namespace)) ?? null;
        out.set(id, { key: `Pod/${t.namespace}/${t.pod}`, kind: "Pod", namespace: t.namespace, name: t.pod, workload: standIn, basis: "not_in_inventory", resolvedBy: "not_in_inventory" });
      }
    } else if (t.kind === "serviceAccount") {
      // The acting identity's most exposed workload: the one an attacker with that token reaches most from.
      const candidates = (saMap.get(`${t.namespace}/${t.name}`) ?? []).map((k) => scores.get(k)).filter((w): w is TWorkloadScore => Boolean(w));
      const best = candidates.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))[0];
      out.set(
        id,
        best
          ? fromWorkload(best)
          : { key: `ServiceAccount/${t.namespace}/${t.name}`, kind: "ServiceAccount", namespace: t.namespace, name: t.name, workload: null, basis: "not_in_inventory", resolvedBy: null },
      );
    } else if (t.kind === "user") {
      out.set(id, { key: `User/${t.name}`, kind: "User", namespace: null, name: t.name, workload: null, basis: "user", resolvedBy: null });
    } else {
      out.set(id, { key: `Node/${t.name}`, kind: "Node", namespace: null, name: t.name, workload: null, basis: "node", resolvedBy: null });
    }
  }
  return out;
}
