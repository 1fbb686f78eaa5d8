// The remediation of one concrete edge: the catalog's change, addressed to the container, role,
// volume or account the edge leaves from, so a runbook can say exactly what to edit.
import { EDGE_CATALOG } from "./edge-catalog";
import type { TGraphEdge } from "./types";

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

/** e.g. `container "app" of pod shop/api-1: Drop \`privileged: true\` …` */
export function remediationFor(edge: TGraphEdge): string {
  return `${describeSubject(edge.from)}: ${EDGE_CATALOG[edge.edge].remediation}`;
}
