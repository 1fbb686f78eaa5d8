// Posture of one inventory (DESIGN.md "Managers": posture over time): the figures a security lead
// watches go down, computed from the parsed inventory, its attack graph and every workload's blast
// radius. Unowned workloads and the sum of blast radii are counted when the snapshot is stored,
// after managers' ownership rules have been applied (lib/db/posture.ts).
import type { TGraphEdge, TWorkloadRadius } from "../graph/types";
import type { TInventory } from "../inventory/types";
import type { TContainerSpec, TPodSpec } from "../inventory/kind-schemas";

export interface TPostureFigures {
  /** containers with securityContext.privileged: true */
  privilegedContainers: number;
  /** containers with at least one container-escape edge (CE_*, EXPLOIT_HOST_*, EXPLOIT_CONTAINERD_SOCK) */
  escapeContainers: number;
  /** workloads with a path to the control plane (cluster-admin equivalent) */
  controlPlaneWorkloads: number;
  /** workloads that reach a critical asset */
  criticalReachWorkloads: number;
}

const ESCAPE = /^(CE_|EXPLOIT_HOST_|EXPLOIT_CONTAINERD_SOCK$)/;

export function postureFigures(inventory: Pick<TInventory, "pods">, edges: Iterable<TGraphEdge>, radii: readonly TWorkloadRadius[]): TPostureFigures {
  let privilegedContainers = 0;
  for (const pod of inventory.pods) {
    const spec: TPodSpec = pod.spec ?? {};
    const all: TContainerSpec[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
    privilegedContainers += all.filter((c) => c.securityContext?.privileged === true).length;
  }
  const escaping = new Set<string>();
  for (const e of edges) if (ESCAPE.test(e.edge) && e.from.startsWith("Container/")) escaping.add(e.from);
  let controlPlaneWorkloads = 0;
  let criticalReachWorkloads = 0;
  for (const r of radii) {
    if (r.reachable.some((a) => a.asset.startsWith("ControlPlane/") || a.type === "control-plane")) controlPlaneWorkloads++;
    if (r.breakdown.some((t) => t.tier === "critical" && t.count > 0)) criticalReachWorkloads++;
  }
  return { privilegedContainers, escapeContainers: escaping.size, controlPlaneWorkloads, criticalReachWorkloads };
}
