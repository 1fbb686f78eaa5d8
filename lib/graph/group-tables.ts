// Fan-out shortcuts for the search: POD_CREATE reaches every node and cluster-wide pods/exec every
// pod, so what lies beyond "every node" or "every pod" is searched once and shared by all workloads.
import { SearchSpace, type TGroupTable, type TGroupTables } from "./search";
import type { TAttackGraph } from "./types";

export const GROUP_NODES = 0;
export const GROUP_PODS = 1;

export class GroupTables implements TGroupTables {
  private readonly cache: (TGroupTable | undefined)[] = [];
  private space: SearchSpace | null = null;

  constructor(private readonly graph: TAttackGraph) {}

  /** The group's table if a search has needed it (lib/graph/radius-memo.ts keeps what it reached). */
  computed(group: number): TGroupTable | undefined {
    return this.cache[group];
  }

  table(group: number): TGroupTable {
    let table = this.cache[group];
    if (!table) {
      table = this.compute(group);
      this.cache[group] = table;
    }
    return table;
  }

  // A plain multi-source search from every member: the members are the targets of a fan-out edge.
  private compute(group: number): TGroupTable {
    const { graph } = this;
    this.space ??= new SearchSpace(graph, null);
    const space = this.space;
    space.run(group === GROUP_NODES ? graph.fanOut.nodes : graph.fanOut.pods);
    const n = graph.vertexCount;
    const table: TGroupTable = {
      cost: new Int32Array(n).fill(-1),
      hops: new Int32Array(n),
      parent: new Int32Array(n).fill(-1),
      pedge: new Int32Array(n).fill(-1),
      assets: new Int32Array(0),
    };
    const assets: number[] = [];
    for (const v of space.settled) {
      table.cost[v] = space.cost[v];
      table.hops[v] = space.hops[v];
      table.parent[v] = space.parent[v];
      table.pedge[v] = space.pedge[v];
      if (graph.asset(v)) assets.push(v);
    }
    table.assets = Int32Array.from(assets).sort();
    return table;
  }
}
