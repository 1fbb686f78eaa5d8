// Which incident key an alert belongs to (DESIGN.md "Incident"): its pod's workload; for a
// Kubernetes audit event the acting service account's workload, or one key per other user;
// for a host event its node.
import type { TNormalizedAlert } from "../alerts/types";

export type TTarget =
  | { kind: "pod"; namespace: string; pod: string; workload?: { kind: string | null; name: string } | null; labels?: Record<string, string> | null }
  | { kind: "serviceAccount"; namespace: string; name: string }
  | { kind: "user"; name: string }
  | { kind: "node"; name: string };

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

export function alertTarget(a: TNormalizedAlert): TTarget {
  // An audit event's pod is what was acted on; the incident belongs to who acted.
  if (a.namespace && a.pod && a.eventType !== "k8s_audit") return { kind: "pod", namespace: a.namespace, pod: a.pod, workload: a.workload, labels: a.podLabels };
  if (a.auditUser) {
    const m = SA_USER.exec(a.auditUser);
    return m ? { kind: "serviceAccount", namespace: m[1], name: m[2] } : { kind: "user", name: a.auditUser };
  }
  return { kind: "node", name: a.hostname ?? "unknown" };
}
