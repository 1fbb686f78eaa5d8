// The graph of one workload's attack paths, as the incident and workload pages draw it:
// the workload, its pods, and every step of every cheapest path, each edge with its catalog
// entry. Pure, so the server (incident detail) and the browser (workload detail) share it.
import { EDGE_CATALOG } from "./edge-catalog";
import { edgeTexts } from "./remediation";
import type { TEdgeKind } from "./types";
import type { TRiskMark } from "../domain/accepted-risk";

export interface TPathGraphNode {
  id: string;
  kind: string;
  label: string;
  asset: { type: string; sensitivity: string } | null;
}

export interface TPathGraphEdge {
  from: string;
  to: string;
  edge: string;
  mitre?: string | null;
  cost?: number | null;
  explanation?: string | null;
  remediation?: string | null;
  exercisedBy?: string[];
  /** an active accepted risk on this edge: still drawn, labelled "accepted until … by …" */
  accepted?: TRiskMark;
  /** hops drawn for orientation (workload → pod → container), not techniques */
  structural?: boolean;
  /** the fixes shown beside the graph take this edge away (what-if / cheapest fix set) */
  removedByFix?: boolean;
}

export interface TPathGraph {
  nodes: TPathGraphNode[];
  edges: TPathGraphEdge[];
}

const kindOf = (id: string) => id.slice(0, id.indexOf("/"));
const labelOf = (id: string) => id.slice(id.lastIndexOf("/") + 1) || id;

/** `Container/<ns>/<pod>/<c>` → `Pod/<ns>/<pod>`; null for anything else. */
export function podOfContainer(id: string): string | null {
  return id.startsWith("Container/") ? `Pod/${id.split("/").slice(1, 3).join("/")}` : null;
}

export function buildPathGraph(
  workloadKey: string,
  pods: string[],
  paths: readonly { path: readonly { from: string; edge: string; to: string }[] }[],
  exercised: Map<string, string[]>,
  assetInfo: Map<string, { type: string; sensitivity: string }>,
  /** raw edge key → the active accepted risk on it (lib/domain/accepted-risk.ts acceptedEdgeMarks) */
  accepted: Map<string, TRiskMark> = new Map(),
  /** raw edge keys (`from|edge|to`) the selected fixes remove */
  removed: ReadonlySet<string> = new Set(),
): TPathGraph {
  const nodes = new Map<string, TPathGraphNode>();
  const edges = new Map<string, TPathGraphEdge>();
  const addNode = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, kind: kindOf(id), label: labelOf(id), asset: assetInfo.get(id) ?? null });
  };
  addNode(workloadKey);
  for (const pod of pods) {
    addNode(pod);
    if (pod !== workloadKey) edges.set(`${workloadKey}|RUNS|${pod}`, { from: workloadKey, to: pod, edge: "RUNS", structural: true });
  }
  for (const r of paths) {
    for (const s of r.path) {
      addNode(s.from);
      addNode(s.to);
      const key = `${s.from}|${s.edge}|${s.to}`;
      if (edges.has(key)) continue;
      const info = EDGE_CATALOG[s.edge as TEdgeKind];
      const texts = info ? edgeTexts({ from: s.from, edge: s.edge as TEdgeKind }) : null;
      edges.set(key, {
        from: s.from,
        to: s.to,
        edge: s.edge,
        mitre: info?.mitre ?? null,
        cost: info?.cost ?? null,
        explanation: texts?.explanation ?? null,
        remediation: texts?.remediation ?? null,
        exercisedBy: exercised.get(key) ?? [],
        ...(accepted.has(key) ? { accepted: accepted.get(key) } : {}),
        ...(removed.has(key) ? { removedByFix: true } : {}),
      });
    }
    const podOfPath = r.path[0] ? podOfContainer(r.path[0].from) : null;
    if (podOfPath && nodes.has(podOfPath)) {
      edges.set(`${podOfPath}|CONTAINER_ATTACH|${r.path[0].from}`, { from: podOfPath, to: r.path[0].from, edge: "CONTAINER_ATTACH", structural: true });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
