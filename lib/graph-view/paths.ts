// Which attack paths a graph view draws: filtered by technique and by "critical assets only",
// in priority order (most sensitive, then cheapest), and the cheapest routes to critical assets.
import { podOfContainer } from "../graph/path-graph";

export interface TViewPath {
  asset: string;
  sensitivity: string;
  cost: number;
  path: { from: string; edge: string; to: string }[];
}

export interface TViewOptions {
  /** edge kinds (techniques) the user switched off: paths through them are not drawn */
  hiddenEdges: ReadonlySet<string>;
  onlyCritical: boolean;
  /** sensitivity tiers drawn as one "+N medium assets" group each instead of their paths */
  collapsedTiers?: ReadonlySet<string>;
  /** the pods the incident's alerts came from: marked "alerted here" */
  alertingPods?: ReadonlySet<string>;
}

/**
 * The tiers a first view folds: medium and low, when there is anything critical or high to show
 * (the question a first look answers is "what is the worst this workload can reach?").
 */
export function defaultCollapsedTiers(paths: readonly { sensitivity: string }[]): Set<string> {
  return paths.some((p) => p.sensitivity === "critical" || p.sensitivity === "high") ? new Set(["medium", "low"]) : new Set();
}

export const SENSITIVITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export const edgeKey = (e: { from: string; edge: string; to: string }) => `${e.from}|${e.edge}|${e.to}`;

export function visiblePaths<P extends TViewPath>(paths: readonly P[], opts: TViewOptions): P[] {
  return paths
    .filter((p) => !opts.onlyCritical || p.sensitivity === "critical")
    .filter((p) => p.path.every((s) => !opts.hiddenEdges.has(s.edge)))
    .sort(
      (a, b) =>
        (SENSITIVITY_RANK[a.sensitivity] ?? 9) - (SENSITIVITY_RANK[b.sensitivity] ?? 9) ||
        a.cost - b.cost ||
        a.path.length - b.path.length ||
        (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0),
    );
}

/** The structural hops that lead from the workload to the path's first container. */
export function leadIn(root: string, path: TViewPath["path"], pods: ReadonlySet<string>) {
  const first = path[0]?.from;
  const pod = first ? podOfContainer(first) : null;
  const steps: { from: string; edge: string; to: string }[] = [];
  if (pod && pods.has(pod)) {
    if (pod !== root) steps.push({ from: root, edge: "RUNS", to: pod });
    steps.push({ from: pod, edge: "CONTAINER_ATTACH", to: first });
  }
  return steps;
}

/** Every node a path passes through, from the workload to the asset. */
export function pathNodes(root: string, path: TViewPath["path"], pods: ReadonlySet<string>): string[] {
  const seq = [root];
  for (const s of [...leadIn(root, path, pods), ...path]) {
    if (seq[seq.length - 1] !== s.from && !seq.includes(s.from)) seq.push(s.from);
    if (!seq.includes(s.to)) seq.push(s.to);
  }
  return seq;
}

/** Edges and nodes on the cheapest path to each critical asset (the paths are cheapest already). */
export function criticalRoutes(root: string, paths: readonly TViewPath[], pods: ReadonlySet<string>) {
  const edges = new Set<string>();
  const nodes = new Set<string>();
  for (const p of paths) {
    if (p.sensitivity !== "critical") continue;
    for (const s of [...leadIn(root, p.path, pods), ...p.path]) {
      edges.add(edgeKey(s));
      nodes.add(s.from);
      nodes.add(s.to);
    }
  }
  return { edges, nodes };
}
