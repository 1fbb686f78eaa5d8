// The cheapest set of fixes after which no path reaches a target (DESIGN.md "Contain and fix").
// One fix can remove several edges, so this is a hitting-set problem over paths, not an edge cut.
//
// Solved exactly by constraint generation: the paths found so far must each lose an edge; the
// cheapest set of fixes doing that is found by branch and bound; the search is asked again with
// those fixes applied, and any path still left joins the constraints. When none is left the set is
// optimal — every valid set must cut the paths collected, and none cuts them for less.
// The branch and bound is pruned by a max-flow lower bound: on the graph the collected paths span,
// an edge's capacity is the cheapest cost share (cost ÷ edges it removes there) of a fix removing it;
// any valid set of fixes is a cut of that graph costing no more than its price, so the minimum cut
// bounds it from below. Past the time budget the answer is the minimum edge cut (capacity = cost of
// the cheapest fix removing the edge), labelled an upper bound.
import { FlowNetwork, INFINITE } from "./max-flow";

export interface TEdgeRef {
  /** the edge's identity (a CSR position) */
  id: number;
  from: number;
  to: number;
}

export interface TCutInstance {
  /** Paths still left from the sources to a target once the fixes' edges are gone (one per target); [] when none. */
  paths(chosen: readonly string[]): TEdgeRef[][];
  /** Candidate fixes for an edge (each fix's effect decides what it removes). */
  fixesFor(edge: TEdgeRef): readonly string[];
  cost(fix: string): number;
  /** the edges the fix removes */
  removes(fix: string): ReadonlySet<number>;
}

export type TCutStatus = "none-needed" | "exact" | "upper-bound" | "impossible";

export interface TCutResult {
  status: TCutStatus;
  /** the fixes, cheapest first; empty unless status is exact or upper-bound */
  fixes: string[];
  cost: number;
  /** no valid set costs less (equals cost when exact) */
  lowerBound: number;
  /** what a plain minimum edge cut of the paths seen would cost (each cut edge priced alone) */
  edgeCutCost: number | null;
  /** rounds of search → solve */
  rounds: number;
  /** branch-and-bound nodes visited */
  nodes: number;
  /** for impossible: a path no candidate fix cuts */
  uncut: TEdgeRef[] | null;
}

export interface TCutOptions {
  /** performance.now() past which the exact search gives up */
  deadline: number;
  maxRounds?: number;
  maxNodes?: number;
}

const pathKey = (p: TEdgeRef[]) => p.map((e) => e.id).join(",");

export function cheapestFixSet(inst: TCutInstance, opts: TCutOptions): TCutResult {
  const maxRounds = opts.maxRounds ?? 40;
  const maxNodes = opts.maxNodes ?? 200_000;
  const collected: TEdgeRef[][] = [];
  const seen = new Set<string>();
  const known = new Set<string>();
  let chosen: string[] = [];
  let exact = true;
  let lowerBound = 0;
  let edgeCutCost: number | null = null;
  let nodes = 0;
  const costOf = (fixes: readonly string[]) => fixes.reduce((sum, f) => sum + inst.cost(f), 0);
  for (let round = 0; round <= maxRounds; round++) {
    const left = inst.paths(chosen);
    if (left.length === 0) {
      const cost = costOf(chosen);
      const status: TCutStatus = round === 0 ? "none-needed" : exact ? "exact" : "upper-bound";
      return { status, fixes: sortFixes(chosen, inst), cost, lowerBound: exact ? cost : lowerBound, edgeCutCost, rounds: round, nodes, uncut: null };
    }
    if (round === maxRounds) break;
    for (const path of left) {
      const key = pathKey(path);
      if (seen.has(key)) continue;
      seen.add(key);
      collected.push(path);
      for (const edge of path) for (const f of inst.fixesFor(edge)) known.add(f);
    }
    const problem = new Problem(collected, [...known], inst);
    const uncut = problem.pathFixes.findIndex((fixes) => fixes.length === 0);
    if (uncut >= 0) {
      return { status: "impossible", fixes: [], cost: 0, lowerBound: Infinity, edgeCutCost: null, rounds: round + 1, nodes, uncut: collected[uncut] };
    }
    const cut = problem.edgeCut();
    edgeCutCost = cut.capacity;
    const solved = problem.branchAndBound(cut, opts.deadline, maxNodes - nodes);
    nodes += solved.nodes;
    if (solved.fixes === null) {
      // the collected paths join into a path no candidate fix cuts
      return { status: "impossible", fixes: [], cost: 0, lowerBound: Infinity, edgeCutCost: null, rounds: round + 1, nodes, uncut: null };
    }
    lowerBound = Math.max(lowerBound, solved.lowerBound);
    if (!solved.exact) exact = false;
    chosen = solved.fixes;
  }
  // the rounds ran out with paths still left: answer what was found, labelled
  return { status: "upper-bound", fixes: sortFixes(chosen, inst), cost: costOf(chosen), lowerBound, edgeCutCost, rounds: maxRounds, nodes, uncut: null };
}

function sortFixes(fixes: readonly string[], inst: TCutInstance): string[] {
  return [...fixes].sort((a, b) => inst.cost(a) - inst.cost(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The collected paths as a hitting-set problem over the known fixes. */
class Problem {
  /** per path: the known fixes that remove one of its edges */
  readonly pathFixes: string[][];
  /** every edge of the collected paths, by id */
  private readonly edges = new Map<number, TEdgeRef>();
  /** per edge id: the known fixes removing it */
  private readonly removers = new Map<number, string[]>();
  private readonly sources = new Set<number>();
  private readonly targets = new Set<number>();

  constructor(
    readonly paths: TEdgeRef[][],
    readonly fixes: string[],
    private readonly inst: TCutInstance,
  ) {
    for (const path of paths) {
      for (const e of path) this.edges.set(e.id, e);
      this.sources.add(path[0].from);
      this.targets.add(path[path.length - 1].to);
    }
    for (const f of fixes) {
      for (const id of inst.removes(f)) {
        if (!this.edges.has(id)) continue;
        const list = this.removers.get(id) ?? [];
        list.push(f);
        this.removers.set(id, list);
      }
    }
    this.pathFixes = paths.map((path) => {
      const hit = new Set<string>();
      for (const e of path) for (const f of this.removers.get(e.id) ?? []) hit.add(f);
      return [...hit].sort((a, b) => inst.cost(a) - inst.cost(b) || (a < b ? -1 : 1));
    });
  }

  /** Minimum cut of the edges left after `chosen`, priced by `price` (INFINITE = not cuttable). */
  private minCut(removed: ReadonlySet<number>, price: (edge: number, remaining: ReadonlySet<number>) => number): { value: number; cut: number[] } {
    const remaining = new Set<number>();
    for (const id of this.edges.keys()) if (!removed.has(id)) remaining.add(id);
    const vertices = new Map<number, number>();
    const local = (v: number) => {
      let i = vertices.get(v);
      if (i === undefined) vertices.set(v, (i = vertices.size + 2));
      return i;
    };
    for (const id of remaining) {
      const e = this.edges.get(id)!;
      local(e.from);
      local(e.to);
    }
    for (const s of this.sources) local(s);
    for (const t of this.targets) local(t);
    const net = new FlowNetwork(vertices.size + 2);
    const arcs: [number, number][] = [];
    for (const id of remaining) {
      const e = this.edges.get(id)!;
      arcs.push([net.addArc(local(e.from), local(e.to), price(id, remaining)), id]);
    }
    for (const s of this.sources) net.addArc(0, local(s), INFINITE);
    for (const t of this.targets) net.addArc(local(t), 1, INFINITE);
    const value = net.maxFlow(0, 1);
    if (value >= INFINITE) return { value: Infinity, cut: [] };
    const side = net.sourceSide(0);
    const cut = arcs.filter(([, id]) => {
      const e = this.edges.get(id)!;
      return side[local(e.from)] && !side[local(e.to)];
    });
    return { value, cut: cut.map(([, id]) => id) };
  }

  /** The plain minimum edge cut: each edge priced by its cheapest fix; its fixes form a valid (upper-bound) set. */
  edgeCut(): { capacity: number; fixes: string[]; cost: number } {
    const { value, cut } = this.minCut(new Set(), (id) => {
      const list = this.removers.get(id);
      return list && list.length > 0 ? Math.min(...list.map((f) => this.inst.cost(f))) : INFINITE;
    });
    const fixes = new Set<string>();
    for (const id of cut) {
      const list = [...(this.removers.get(id) ?? [])].sort((a, b) => this.inst.cost(a) - this.inst.cost(b) || (a < b ? -1 : 1));
      if (list[0]) fixes.add(list[0]);
    }
    return { capacity: value, fixes: [...fixes], cost: [...fixes].reduce((s, f) => s + this.inst.cost(f), 0) };
  }

  /** The max-flow lower bound on what fixes outside `excluded` must add to `chosen`. */
  flowBound(chosen: readonly string[], excluded: ReadonlySet<string>): number {
    const removed = new Set<number>();
    for (const f of chosen) for (const id of this.inst.removes(f)) removed.add(id);
    const share = new Map<string, number>();
    const { value } = this.minCut(removed, (id, remaining) => {
      let best = INFINITE;
      for (const f of this.removers.get(id) ?? []) {
        if (excluded.has(f) || chosen.includes(f)) continue;
        let s = share.get(f);
        if (s === undefined) {
          let k = 0;
          for (const r of this.inst.removes(f)) if (remaining.has(r)) k++;
          s = this.inst.cost(f) / Math.max(1, k);
          share.set(f, s);
        }
        best = Math.min(best, s);
      }
      return best;
    });
    return value;
  }

  branchAndBound(
    start: { capacity: number; fixes: string[]; cost: number },
    deadline: number,
    maxNodes: number,
  ): { fixes: string[] | null; exact: boolean; lowerBound: number; nodes: number } {
    const { pathFixes } = this;
    // the edge cut's fixes cut every collected path: the first incumbent (none when no finite cut exists)
    let best = Number.isFinite(start.capacity) ? start.cost : Infinity;
    let bestSet: string[] | null = Number.isFinite(start.capacity) ? start.fixes : null;
    let nodes = 0;
    let aborted = false;
    const rootBound = this.flowBound([], new Set());
    const visit = (chosen: string[], cost: number, excluded: Set<string>) => {
      if (aborted) return;
      nodes++;
      if (nodes > maxNodes || ((nodes & 63) === 0 && performance.now() > deadline)) {
        aborted = true;
        return;
      }
      // the unhit path with the fewest fixes still allowed
      let pick = -1;
      let pickAvailable: string[] = [];
      for (let i = 0; i < pathFixes.length; i++) {
        if (pathFixes[i].some((f) => chosen.includes(f))) continue;
        const available = pathFixes[i].filter((f) => !excluded.has(f));
        if (pick < 0 || available.length < pickAvailable.length) {
          pick = i;
          pickAvailable = available;
        }
        if (available.length === 0) break;
      }
      if (pick < 0) {
        if (cost < best - 1e-9) {
          best = cost;
          bestSet = [...chosen];
        }
        return;
      }
      if (pickAvailable.length === 0) return;
      if (cost + this.flowBound(chosen, excluded) >= best - 1e-9) return;
      const now = new Set(excluded);
      for (const f of pickAvailable) {
        chosen.push(f);
        visit(chosen, cost + this.inst.cost(f), new Set(now));
        chosen.pop();
        now.add(f);
        if (aborted) return;
      }
    };
    visit([], 0, new Set());
    return { fixes: bestSet, exact: !aborted, lowerBound: aborted ? Math.min(best, rootBound) : best, nodes };
  }
}
