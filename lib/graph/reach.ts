// Turns a finished search into reachable assets: the cheapest label per asset (direct, or through a
// fan-out group's shared table) and its path as {from, edge, to} steps.
import { compareReachable } from "./scoring";
import { compareSequences, edgeIndex, type SearchSpace } from "./search";
import { EDGE_KINDS, type TPathStep, type TReachableAsset } from "./types";

interface TReach {
  vertex: number;
  cost: number;
  hops: number;
  /** -1: the search's own label; else the group whose table carries the path */
  via: number;
}

/** Step objects are shared between paths, one per CSR edge: big clusters repeat the same edges millions of times. */
export class StepCache {
  // Filled up front: a sparse array would fall back to dictionary mode.
  private readonly steps: (TPathStep | null)[];

  constructor(private readonly space: SearchSpace) {
    this.steps = new Array<TPathStep | null>(space.graph.edgeCount).fill(null);
  }

  /** The step of CSR edge e, whose source is u. */
  step(u: number, e: number): TPathStep {
    let step = this.steps[e];
    if (!step) {
      const { graph } = this.space;
      step = { from: graph.id(u), edge: EDGE_KINDS[graph.edgeKinds[e]], to: graph.id(graph.targets[e]) };
      this.steps[e] = step;
    }
    return step;
  }
}

function collect(space: SearchSpace): TReach[] {
  const { graph } = space;
  const best = new Map<number, TReach>();
  for (const v of space.settled) if (graph.asset(v)) best.set(v, { vertex: v, cost: space.cost[v], hops: space.hops[v], via: -1 });
  for (const g of space.settledGroups) {
    const table = space.tables!.table(g);
    const label = space.groups[g];
    for (const a of table.assets) {
      const cost = label.cost + table.cost[a];
      const hops = label.hops + table.hops[a];
      const current = best.get(a);
      const better =
        !current ||
        cost < current.cost ||
        (cost === current.cost && hops < current.hops) ||
        (cost === current.cost && hops === current.hops && compareSequences(space.groupChain(g, a), sequenceOf(space, current)) < 0);
      if (better) best.set(a, { vertex: a, cost, hops, via: g });
    }
  }
  return [...best.values()];
}

function sequenceOf(space: SearchSpace, reach: TReach): number[] {
  return reach.via < 0 ? space.chain(reach.vertex) : space.groupChain(reach.via, reach.vertex);
}

function stepsOf(space: SearchSpace, steps: StepCache, reach: TReach): TPathStep[] {
  const out: TPathStep[] = [];
  if (reach.via < 0) {
    for (let v = reach.vertex; space.parent[v] >= 0; v = space.parent[v]) out.push(steps.step(space.parent[v], space.pedge[v]));
    return out.reverse();
  }
  const table = space.tables!.table(reach.via);
  let v = reach.vertex;
  for (; table.parent[v] >= 0; v = table.parent[v]) out.push(steps.step(table.parent[v], table.pedge[v]));
  const label = space.groups[reach.via];
  out.push(steps.step(label.from, edgeIndex(space.graph, label.from, v, label.kind)));
  for (let u = label.from; space.parent[u] >= 0; u = space.parent[u]) out.push(steps.step(space.parent[u], space.pedge[u]));
  return out.reverse();
}

/** Every asset the last run reached, with its cheapest path, in reachable order. */
export function reachableAssets(space: SearchSpace, steps: StepCache): TReachableAsset[] {
  const { graph } = space;
  const out: TReachableAsset[] = collect(space).map((reach) => {
    const info = graph.asset(reach.vertex)!;
    return { asset: graph.id(reach.vertex), type: info.type, sensitivity: info.sensitivity, cost: reach.cost, path: stepsOf(space, steps, reach) };
  });
  return out.sort(compareReachable);
}
