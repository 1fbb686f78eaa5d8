// The graph a page draws: the workload, its pods and the visible attack paths, cut to a node
// budget (dagre slows past ~150 nodes, DESIGN.md "Performance") with the rest folded into
// "+N more" groups hanging from the last node shown on each cut path.
import type { TPathGraph, TPathGraphEdge, TPathGraphNode } from "../graph/path-graph";
import { criticalRoutes, edgeKey, leadIn, pathNodes, visiblePaths, type TViewOptions, type TViewPath } from "./paths";

export const NODE_BUDGET = 150;

export interface TViewNode extends TPathGraphNode {
  onCriticalRoute: boolean;
  /** for a "+N more" group: the nodes folded into it */
  hidden?: string[];
}

export interface TViewEdge extends TPathGraphEdge {
  key: string;
  onCriticalRoute: boolean;
}

export interface TViewGraph {
  root: string;
  nodes: TViewNode[];
  edges: TViewEdge[];
  /** nodes the filters allow, and how many of them the budget folded away */
  totalNodes: number;
  foldedNodes: number;
  paths: number;
  /** assets of collapsed tiers, drawn as one group per tier */
  collapsedAssets: number;
}

export const GROUP_PREFIX = "more:";
/** a collapsed tier's group: "tier:medium" */
export const TIER_PREFIX = "tier:";

export function buildViewGraph(
  graph: TPathGraph,
  allPaths: readonly TViewPath[],
  root: string,
  opts: TViewOptions,
  budget = NODE_BUDGET,
): TViewGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const pods = new Set(graph.edges.filter((e) => e.edge === "RUNS" && e.from === root).map((e) => e.to));
  if (byId.get(root)?.kind === "Pod") pods.add(root);
  const visible = visiblePaths(allPaths, opts);
  const collapsed = opts.collapsedTiers ?? new Set<string>();
  const paths = visible.filter((p) => !collapsed.has(p.sensitivity));
  const tierGroups = new Map<string, string[]>();
  for (const p of visible) if (collapsed.has(p.sensitivity)) tierGroups.set(p.sensitivity, [...(tierGroups.get(p.sensitivity) ?? []), p.asset]);
  const candidates = new Set<string>([root, ...pods]);
  const kept = new Set<string>([root]);
  const groups = new Map<string, Set<string>>();
  const pathEdges = new Set<string>();

  for (const p of paths) {
    const seq = pathNodes(root, p.path, pods);
    for (const id of seq) candidates.add(id);
    const fresh = seq.filter((id) => !kept.has(id));
    if (kept.size + fresh.length <= budget) {
      for (const id of fresh) kept.add(id);
      for (const s of [...leadIn(root, p.path, pods), ...p.path]) pathEdges.add(edgeKey(s));
      continue;
    }
    let anchor = 0;
    while (anchor + 1 < seq.length && kept.has(seq[anchor + 1])) anchor++;
    const group = groups.get(seq[anchor]) ?? new Set<string>();
    for (const id of seq.slice(anchor + 1)) if (!kept.has(id)) group.add(id);
    groups.set(seq[anchor], group);
  }
  // Pods no path starts from still belong to the workload: show them while there is room.
  for (const pod of [...pods].sort()) {
    if (kept.has(pod)) continue;
    if (kept.size < budget) kept.add(pod);
    else groups.set(root, (groups.get(root) ?? new Set<string>()).add(pod));
  }
  // A node folded into one group may have been kept through another path.
  for (const [anchor, group] of groups) {
    for (const id of group) if (kept.has(id)) group.delete(id);
    if (group.size === 0) groups.delete(anchor);
  }

  const critical = criticalRoutes(root, paths, pods);
  const nodes: TViewNode[] = [...kept].flatMap((id) => {
    const n = byId.get(id);
    return n ? [{ ...n, onCriticalRoute: critical.nodes.has(id) }] : [];
  });
  const edges: TViewEdge[] = graph.edges
    .map((e) => ({ ...e, key: edgeKey(e) }))
    .filter((e) => kept.has(e.from) && kept.has(e.to) && (pathEdges.has(e.key) || (e.structural && e.edge === "RUNS")))
    .map((e) => ({ ...e, onCriticalRoute: critical.edges.has(e.key) }));
  for (const [anchor, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const id = `${GROUP_PREFIX}${anchor}`;
    nodes.push({ id, kind: "More", label: `+${group.size} more`, asset: null, onCriticalRoute: false, hidden: [...group].sort() });
    edges.push({ from: anchor, to: id, edge: "MORE", structural: true, key: `${anchor}|MORE|${id}`, onCriticalRoute: false });
  }
  for (const tier of ["critical", "high", "medium", "low"]) {
    const assets = tierGroups.get(tier);
    if (!assets) continue;
    const id = `${TIER_PREFIX}${tier}`;
    nodes.push({ id, kind: "More", label: `+${assets.length} ${tier} asset${assets.length === 1 ? "" : "s"}`, asset: null, onCriticalRoute: false, hidden: [...assets].sort() });
    edges.push({ from: root, to: id, edge: "MORE", structural: true, key: `${root}|MORE|${id}`, onCriticalRoute: false });
  }
  const folded = [...candidates].filter((id) => !kept.has(id)).length;
  return { root, nodes, edges, totalNodes: candidates.size, foldedNodes: folded, paths: paths.length, collapsedAssets: [...tierGroups.values()].reduce((n, a) => n + a.length, 0) };
}
