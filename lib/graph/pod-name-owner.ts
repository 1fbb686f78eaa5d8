// Which workload a pod the snapshot does not list belongs to, from its name alone, the way the
// Kubernetes controllers name the pods they make (pkg/controller: names are the controller's
// name, a dash, and 5 random characters of rand.String's alphabet; a StatefulSet appends the
// ordinal; a Deployment's ReplicaSet is "<deployment>-<pod-template-hash>"; a CronJob's Job is
// "<cronjob>-<scheduled time in minutes>"). Never by image: an attacker's own pod is unowned.

export interface TControllerRecord {
  namespace: string;
  /** ReplicaSet, Deployment, StatefulSet, DaemonSet, Job or CronJob */
  kind: string;
  name: string;
  /** the top workload it belongs to (a ReplicaSet's Deployment, a Job's CronJob, or itself) */
  workloadKey: string;
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

/** The controller a pod named `podName` in this namespace was made by, or null. */
export function ownerByPodName(podName: string, controllers: readonly TControllerRecord[]): TPodNameMatch | null {
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
