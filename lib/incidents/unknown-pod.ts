// An incident on a pod the inventory does not show is scored by its namespace's stand-in for new
// pods (lib/graph/blast-radius.ts newPodRadii); its paths start at the stand-in's container,
// shown under the incident's own pod.
import { NEW_POD_NAME, newPodKey } from "../graph/blast-radius";

/** The stored workload whose blast radius scores the incident: the stand-in for an unknown pod, else its own. */
export function scoredWorkloadKey(i: { workloadKey: string; workloadKind: string; namespace: string | null; notInInventory: boolean }): string {
  return i.notInInventory && i.workloadKind === "Pod" && i.namespace ? newPodKey(i.namespace) : i.workloadKey;
}

/** `Container/<ns>/(new pod)/<c>` → `Container/<ns>/<pod>/<c>`: the stand-in's steps drawn on the incident's pod. */
export function onIncidentPod(id: string, namespace: string, pod: string): string {
  const prefix = `Container/${namespace}/${NEW_POD_NAME}/`;
  return id.startsWith(prefix) ? `Container/${namespace}/${pod}/${id.slice(prefix.length)}` : id;
}
