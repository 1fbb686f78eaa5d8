// Which workload a pod the snapshot does not list belongs to, from its name alone, the way the
// Kubernetes controllers name the pods they make (pkg/controller: names are the controller's
// name, a dash, and 5 random characters of rand.String's alphabet; a StatefulSet appends the
// ordinal; a Deployment's ReplicaSet is "<deployment>-<pod-template-hash>"; a CronJob's Job is
// "<cronjob>-<scheduled time in minutes>"). Never by image: an attacker's own pod is unowned.
import { matchesLabelSelector, type TLabelSelector } from "../inventory/label-selector";

export interface TControllerRecord {
  namespace: string;
  /** ReplicaSet, Deployment, StatefulSet, DaemonSet, Job or CronJob */
  kind: string;
  name: string;
  /** the top workload it belongs to (a ReplicaSet's Deployment, a Job's CronJob, or itself) */
  workloadKey: string;
  /** the label selector of its pods (spec.selector); null when it has none worth matching */
  selector?: TLabelSelector | null;
}

export interface TPodNameMatch {
  workloadKey: string;
  /** the controller whose name matched */
  via: { kind: string; name: string };
  /** a Deployment matched through a ReplicaSet the snapshot has not seen (a new rollout) */
  unseenReplicaSet?: boolean;
}

/** rand.String's alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no 0, 1, 3. */
const SAFE = "[bcdfghjklmnpqrstvwxz2456789]";
const RANDOM_SUFFIX = new RegExp(`^-${SAFE}{5}$`);
const ORDINAL = /^-(0|[1-9]\d{0,6})$/;
// pod-template-hash: SafeEncodeString of a 32-bit hash, so 1–10 characters; real ones are 6+.
const UNSEEN_RS_TAIL = new RegExp(`^-${SAFE}{6,10}-${SAFE}{5}$`);
const CRONJOB_TAIL = new RegExp(`^-\\d{7,10}-${SAFE}{5}$`);

/**
 * The controller a pod named `podName` in this namespace was made by, or null. When the event
 * carries the pod's labels, its `pod-template-hash` names the ReplicaSet exactly: a pod
 * "<deployment>-<hash>-<5>" belongs to that Deployment even when the hash is short.
 */
export function ownerByPodName(podName: string, controllers: readonly TControllerRecord[], labels?: Readonly<Record<string, string>> | null): TPodNameMatch | null {
  const hash = labels?.["pod-template-hash"];
  if (hash) {
    const rs = podName.match(new RegExp(`^(.+)-${escapeRegExp(hash)}-${SAFE}{5}$`));
    const deployment = rs ? controllers.find((c) => c.kind === "Deployment" && c.name === rs[1]) : undefined;
    if (deployment) return { workloadKey: deployment.workloadKey, via: { kind: "ReplicaSet", name: `${rs![1]}-${hash}` }, unseenReplicaSet: !controllers.some((c) => c.kind === "ReplicaSet" && c.name === `${rs![1]}-${hash}`) };
  }
  const tail = (c: TControllerRecord) => (podName.startsWith(`${c.name}-`) ? podName.slice(c.name.length) : null);
  // The longest matching name wins, so "api" never takes the pods of "api-v2".
  const byLength = [...controllers].sort((a, b) => b.name.length - a.name.length || (a.kind < b.kind ? -1 : 1));
  const rules: [string, RegExp, boolean?][] = [
    ["ReplicaSet", RANDOM_SUFFIX],
    ["StatefulSet", ORDINAL],
    ["DaemonSet", RANDOM_SUFFIX],
    ["Job", RANDOM_SUFFIX],
    ["CronJob", CRONJOB_TAIL],
    ["Deployment", UNSEEN_RS_TAIL, true],
  ];
  for (const [kind, pattern, unseen] of rules) {
    for (const c of byLength) {
      if (c.kind !== kind) continue;
      const rest = tail(c);
      if (rest !== null && pattern.test(rest)) return { workloadKey: c.workloadKey, via: { kind: c.kind, name: c.name }, ...(unseen ? { unseenReplicaSet: true } : {}) };
    }
  }
  return null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The workload whose pod selector the pod's labels match, among the namespace's top-level
 * controllers; null when none does, or when several do (never a guess between neighbours).
 */
export function ownerByLabels(labels: Readonly<Record<string, string>>, controllers: readonly TControllerRecord[]): TPodNameMatch | null {
  const matches = new Map<string, TControllerRecord>();
  for (const c of controllers) {
    const sel = c.selector;
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) continue; // {} matches everything: no evidence
    if (c.workloadKey !== `${c.kind}/${c.namespace}/${c.name}` && c.kind !== "ReplicaSet") continue;
    if (matchesLabelSelector(sel, labels)) matches.set(c.workloadKey, c);
  }
  if (matches.size !== 1) return null;
  const [c] = matches.values();
  return { workloadKey: c.workloadKey, via: { kind: c.kind, name: c.name } };
}
