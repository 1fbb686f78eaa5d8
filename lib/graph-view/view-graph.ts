// The graph a page draws: the workload, its pods and the visible attack paths, cut to a node
// budget (dagre slows past ~150 nodes, DESIGN.md "Performance") with the rest folded into
// "+N more" groups hanging from the last node shown on each cut path.
import { podOfContainer, type TPathGraph, type TPathGraphEdge, type TPathGraphNode } from "../graph/path-graph";
import { criticalRoutes, edgeKey, leadIn, pathNodes, visiblePaths, type TViewOptions, type TViewPath } from "./paths";

export const NODE_BUDGET = 150;

export interface TViewNode extends TPathGraphNode {
  onCriticalRoute: boolean;
  /** for a "+N more" group: the nodes folded into it */
  hidden?: string[];
  /** a container drawn for its pod (the pod's own vertex folded into it): the pod's name */
  pod?: string;
  /** the pod an alert of the incident came from (or a container of it) */
  alerted?: boolean;
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
  const alerting = opts.alertingPods ?? new Set<string>();
  for (const n of nodes) if (alerting.has(n.id) || alerting.has(podOfContainer(n.id) ?? "")) n.alerted = true;
  const drawn = foldPods(root, nodes, edges, byId);
  return { root, nodes: drawn.nodes, edges: drawn.edges, totalNodes: candidates.size, foldedNodes: folded, paths: paths.length, collapsedAssets: [...tierGroups.values()].reduce((n, a) => n + a.length, 0) };
}

/**
 * A pod that a path leaves through one of its containers is not drawn on its own: the workload
 * points straight at the container, labelled with its pod ("Container api, in api-7f9c-x2"). The
 * pod and the container are one step of the attack, and one column less lets the cheapest routes
 * fit a first view at a legible zoom. Pods no path leaves from stay as they are.
 */
function foldPods(root: string, nodes: TViewNode[], edges: TViewEdge[], byId: ReadonlyMap<string, TPathGraphNode>) {
  // a pod a technique leaves from (not only through its containers) or arrives at (a node
  // attaching to its pods) keeps its vertex: only the workload's own hop leads to a folded pod
  const used = new Set(edges.flatMap((e) => (e.edge === "CONTAINER_ATTACH" || e.edge === "MORE" ? [] : e.edge === "RUNS" && e.from === root ? [] : [e.from, e.to])));
  const attach = edges.filter((e) => e.edge === "CONTAINER_ATTACH" && e.from !== root && byId.get(e.from)?.kind === "Pod" && !used.has(e.from));
  if (attach.length === 0) return { nodes, edges };
  const podOf = new Map(attach.map((e) => [e.to, e.from]));
  const folded = new Set(attach.map((e) => e.from));
  const runsCritical = new Set(edges.filter((e) => e.edge === "RUNS" && e.onCriticalRoute).map((e) => e.to));
  const outNodes = nodes
    .filter((n) => !folded.has(n.id))
    .map((n) => (podOf.has(n.id) ? { ...n, pod: byId.get(podOf.get(n.id)!)?.label ?? podOf.get(n.id)! } : n));
  const outEdges: TViewEdge[] = [];
  for (const e of edges) {
    if (folded.has(e.to) && e.edge === "RUNS") continue;
    if (e.edge === "CONTAINER_ATTACH" && folded.has(e.from)) {
      const key = `${root}|RUNS|${e.to}`;
      outEdges.push({ from: root, to: e.to, edge: "RUNS", structural: true, key, onCriticalRoute: e.onCriticalRoute && runsCritical.has(e.from) });
      continue;
    }
    outEdges.push(folded.has(e.from) ? { ...e, from: root, key: `${root}|${e.edge}|${e.to}` } : e);
  }
  return { nodes: outNodes, edges: outEdges };
}
