// Posture of one inventory (DESIGN.md "Managers": posture over time): the figures a security lead
// watches go down, computed from the parsed inventory, its attack graph and every workload's blast
// radius. Unowned workloads and the sum of blast radii are counted when the snapshot is stored,
// after managers' ownership rules have been applied (lib/db/posture.ts).
import { EDGE_KINDS, type TAttackGraph, type TGraphEdge, type TWorkloadRadius } from "../graph/types";
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

const ESCAPE_KIND = EDGE_KINDS.map((kind) => ESCAPE.test(kind));

/** The container-escape edges of a built graph (all postureFigures needs of its edges), read from its CSR arrays. */
export function* escapeEdgesOf(graph: Pick<TAttackGraph, "vertexCount" | "offsets" | "targets" | "edgeKinds" | "id">): Iterable<TGraphEdge> {
  for (let i = 0; i < graph.vertexCount; i++) {
    const from = graph.id(i);
    if (!from.startsWith("Container/")) continue;
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) {
      if (ESCAPE_KIND[graph.edgeKinds[k]]) yield { from, edge: EDGE_KINDS[graph.edgeKinds[k]], to: graph.id(graph.targets[k]) };
    }
  }
}

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
