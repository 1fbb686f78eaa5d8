// The remediation of one concrete edge: the catalog's change, addressed to the container, role,
// volume or account the edge leaves from, so a runbook can say exactly what to edit.
import { EDGE_CATALOG } from "./edge-catalog";
import type { TEdgeKind, TGraphEdge } from "./types";

/** Who must change, named from the edge's source identifier. */
export function describeSubject(id: string): string {
  const [kind, ...rest] = id.split("/");
  switch (kind) {
    case "Container":
      return `container "${rest[2]}" of pod ${rest[0]}/${rest[1]}`;
    case "Volume":
      return `volume "${rest[2]}" of pod ${rest[0]}/${rest[1]}`;
    case "PermissionSet": {
      const [role, binding] = rest.slice(1).join("/").split("::");
      return rest[0] === "*" ? `ClusterRole "${role}" as granted by ClusterRoleBinding "${binding}"` : `role "${role}" as granted by RoleBinding ${rest[0]}/${binding}`;
    }
    case "ServiceAccount":
      return `service account ${rest.join("/")}`;
    case "Pod":
      return `pod ${rest.join("/")}`;
    default:
      return id;
  }
}

const UNION_TEXT: Partial<Record<TEdgeKind, { explanation: string; remediation: string }>> = {
  ROLE_BIND: {
    explanation:
      "Creates a (Cluster)RoleBinding that grants an existing role to the attacker's identity. No one binding of this identity allows it; its bindings together do: the API server checks `create` on the binding and `bind` on the role against all of them at once.",
    remediation: "Remove `create` on rolebindings/clusterrolebindings from one of the identity's bindings, or `bind` from the other: the combination is what escalates.",
  },
  CLUSTER_ADMIN: {
    explanation:
      "Holds permissions equivalent to cluster-admin through two of its bindings together (e.g. `create clusterrolebindings` from one and `bind cluster-admin` from another, or `escalate` and `update` on roles): the API server authorizes against all of an identity's bindings at once.",
    remediation: "Remove one half of the combination from one of the identity's bindings.",
  },
};

/**
 * The catalog's texts for one concrete edge. ROLE_BIND and CLUSTER_ADMIN usually leave a
 * PermissionSet (one binding grants it); when they leave an identity, only the union of its
 * bindings grants it (lib/graph/escalation-rules.ts), and the texts say so.
 */
export function edgeTexts(edge: Pick<TGraphEdge, "from" | "edge">): { explanation: string; remediation: string } {
  const union = !edge.from.startsWith("PermissionSet/") ? UNION_TEXT[edge.edge] : undefined;
  return union ?? { explanation: EDGE_CATALOG[edge.edge].explanation, remediation: EDGE_CATALOG[edge.edge].remediation };
}

/** e.g. `container "app" of pod shop/api-1: Drop \`privileged: true\` …` */
export function remediationFor(edge: TGraphEdge): string {
  return `${describeSubject(edge.from)}: ${edgeTexts(edge).remediation}`;
}
