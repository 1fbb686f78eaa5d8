// A workload's fixes (GET /api/v1/workloads/{id}/fixes): every candidate fix of the edges on its
// paths with its what-if — the blast radius recomputed by the engine with the fix's edges gone,
// never estimated — and the cheapest fix set that leaves no path to a critical asset, then none to
// a high one, each verified by that same recompute.
import { buildContextOf, type TBuildContext } from "../graph/build-graph";
import { reachableAssets, StepCache } from "../graph/reach";
import { scoreReachable } from "../graph/scoring";
import { SearchSpace } from "../graph/search";
import { EDGE_KINDS, type TAttackGraph, type TGraphEdge, type TReachableAsset } from "../graph/types";
import type { TInventory, TSensitivity } from "../inventory/types";
import { candidatesFor, fixCost, fixesForEdge } from "./candidates";
import { cheapestFixSet, type TCutStatus, type TEdgeRef } from "./cheapest-set";
import { DeltaSearch, keepBase, type TSearchBase } from "./delta-search";
import { fixEffect, positionOf, type TFixEffect } from "./effects";
import { fixId, fixTitle, type TFix } from "./fixes";
import { fixPatch, splitPatch, type TFixApply } from "./patch";

export interface TFixSummary {
  id: string;
  fix: TFix;
  title: string;
  cost: number;
  /** YAML: the merge patch or manifest (for a deletion, a comment with the command) */
  patch: string;
  apply: TFixApply;
}

export interface TWhatIf extends TFixSummary {
  scoreAfter: number;
  /** score before − after */
  removes: number;
  /** assets no longer reachable at all */
  removedAssets: string[];
  /** edges of the current paths the fix takes away */
  removedEdges: TGraphEdge[];
}

export interface TMinimalCut {
  /** no path left to an asset of this tier or above */
  tier: "critical" | "high";
  status: TCutStatus;
  fixes: TFixSummary[];
  cost: number;
  lowerBound: number;
  /** a plain minimum edge cut's price, for comparison (each cut edge priced alone) */
  edgeCutCost: number | null;
  scoreAfter: number;
  removedAssets: string[];
  removedEdges: TGraphEdge[];
  /** for impossible: a path no candidate fix cuts */
  uncut: TGraphEdge[] | null;
}

export interface TWorkloadFixes {
  workload: string;
  score: number;
  /** the cheapest set for the highest tier the workload reaches (null when it reaches neither) */
  minimalCut: TMinimalCut | null;
  minimalCuts: TMinimalCut[];
  whatIf: TWhatIf[];
  ms: number;
}

const TIERS: Record<TMinimalCut["tier"], ReadonlySet<TSensitivity>> = {
  critical: new Set(["critical"]),
  high: new Set(["critical", "high"]),
};

/** The graph's what-if engine: fix effects cached, searches run on one space with an edge mask. */
export class FixEngine {
  private readonly space: SearchSpace;
  private readonly steps: StepCache;
  private readonly mask: Uint8Array;
  private readonly effects = new Map<string, TFixEffect>();
  private readonly delta: DeltaSearch;
  private base: { workload: string; state: TSearchBase; reachable: TReachableAsset[]; vertices: Int32Array } | null = null;

  constructor(
    readonly graph: TAttackGraph,
    readonly ctx: TBuildContext,
  ) {
    this.space = new SearchSpace(graph, null);
    this.steps = new StepCache(this.space);
    this.mask = new Uint8Array(graph.edgeCount);
    this.space.mask = this.mask;
    this.delta = new DeltaSearch(graph);
  }

  static of(graph: TAttackGraph): FixEngine {
    const ctx = buildContextOf(graph);
    if (!ctx) throw new Error("fixes need a graph built by buildAttackGraph in this process");
    return new FixEngine(graph, ctx);
  }

  effect(fix: TFix): TFixEffect {
    const id = fixId(fix);
    let effect = this.effects.get(id);
    if (!effect) {
      effect = fixEffect(this.graph, this.ctx, fix);
      this.effects.set(id, effect);
    }
    return effect;
  }

  /** The workload's reachable assets with these edges removed (from every pod of it: a fix may touch only some). */
  reach(workloadId: string, removed: Iterable<number>): TReachableAsset[] {
    const workload = this.graph.workload(workloadId);
    if (!workload) return [];
    const sources = new Set<number>();
    for (const podId of workload.pods) for (const c of this.graph.pod(podId)?.containers ?? []) {
      const i = this.graph.index(c);
      if (i >= 0) sources.add(i);
    }
    const set: number[] = [];
    for (const e of removed) {
      if (this.mask[e] === 0) set.push(e);
      this.mask[e] = 1;
    }
    try {
      this.space.run([...sources].sort((a, b) => a - b));
      return reachableAssets(this.space, this.steps);
    } finally {
      for (const e of set) this.mask[e] = 0;
    }
  }

  /** The workload's reachable assets as they are, its search kept as the base of what-ifs. */
  baseline(workloadId: string): TReachableAsset[] {
    if (this.base?.workload !== workloadId) {
      const reachable = this.reach(workloadId, []);
      this.base = { workload: workloadId, state: keepBase(this.space), reachable, vertices: Int32Array.from(reachable.map((r) => this.graph.index(r.asset))) };
    }
    return this.base.reachable;
  }

  /**
   * The workload's assets and costs once these edges are gone: recomputed below the removed edges
   * of its cheapest-path tree only (a full search when most of the tree hangs below them).
   */
  whatIf(workloadId: string, removed: readonly number[]): { asset: string; sensitivity: TSensitivity; cost: number }[] {
    const baseReach = this.baseline(workloadId);
    const { state, vertices } = this.base!;
    const set: number[] = [];
    for (const e of removed) {
      if (this.mask[e] === 0) set.push(e);
      this.mask[e] = 1;
    }
    let changes: Map<number, number> | null;
    try {
      changes = this.delta.changes(state, removed, this.mask, Math.max(64, state.reached >> 2));
    } finally {
      for (const e of set) this.mask[e] = 0;
    }
    if (!changes) return this.reach(workloadId, removed);
    const out: { asset: string; sensitivity: TSensitivity; cost: number }[] = [];
    baseReach.forEach((r, i) => {
      const changed = changes.get(vertices[i]);
      if (changed === undefined) out.push(r);
      else if (changed >= 0) out.push({ asset: r.asset, sensitivity: r.sensitivity, cost: changed });
    });
    return out;
  }

  edgeRef(step: TGraphEdge): TEdgeRef {
    return { id: positionOf(this.graph, step), from: this.graph.index(step.from), to: this.graph.index(step.to) };
  }
}

const edgeKey = (e: TGraphEdge) => `${e.from}\0${e.edge}\0${e.to}`;

/** Distinct edges of the paths. */
function pathEdges(reachable: readonly TReachableAsset[]): TGraphEdge[] {
  const out = new Map<string, TGraphEdge>();
  for (const r of reachable) for (const s of r.path) out.set(edgeKey(s), s);
  return [...out.values()];
}

export interface TFixOptions {
  /** time budget for each cheapest-set search, ms (past it: the edge cut, labelled an upper bound) */
  budgetMs?: number;
}

export function workloadFixes(engine: FixEngine, inv: Pick<TInventory, "teams">, workloadId: string, opts: TFixOptions = {}): TWorkloadFixes | null {
  const t0 = performance.now();
  const { graph, ctx } = engine;
  if (!graph.workload(workloadId)) return null;
  const base = engine.baseline(workloadId);
  const baseScore = scoreReachable(base).score;
  const baseEdges = pathEdges(base);
  const basePositions = baseEdges.map((e) => engine.edgeRef(e).id);
  const removedFrom = (removed: ReadonlySet<number>) => baseEdges.filter((_, i) => removed.has(basePositions[i]));
  const lost = (after: readonly { asset: string }[]) => {
    const still = new Set(after.map((r) => r.asset));
    return base.filter((r) => !still.has(r.asset)).map((r) => r.asset);
  };
  const summaries = new Map<string, TFixSummary>();
  const summary = (fix: TFix): TFixSummary => {
    const id = fixId(fix);
    let s = summaries.get(id);
    if (!s) {
      s = { id, fix, title: fixTitle(fix), cost: fixCost(graph, ctx, fix, workloadId), ...splitPatch(fixPatch(ctx.inv, fix, graph)) };
      summaries.set(id, s);
    }
    return s;
  };
  // a fix is usable when its effect removes something and adds nothing (else only a full rebuild would tell)
  const usable = (fix: TFix) => {
    const effect = engine.effect(fix);
    return effect.removed.length > 0 && effect.added.length === 0;
  };

  const whatIf: TWhatIf[] = [];
  for (const fix of candidatesFor(graph, ctx, baseEdges).values()) {
    if (!usable(fix)) continue;
    const removed = engine.effect(fix).removed;
    const after = engine.whatIf(workloadId, removed);
    const scoreAfter = scoreReachable(after).score;
    whatIf.push({ ...summary(fix), scoreAfter, removes: round(baseScore - scoreAfter), removedAssets: lost(after), removedEdges: removedFrom(new Set(removed)) });
  }
  whatIf.sort((a, b) => b.removes - a.removes || a.cost - b.cost || (a.id < b.id ? -1 : 1));

  const minimalCuts: TMinimalCut[] = [];
  const byId = new Map<string, TFix>();
  const removeSets = new Map<string, ReadonlySet<number>>();
  // the search with a set of fixes applied, shared by both tiers (no fix: the baseline itself)
  const reached = new Map<string, TReachableAsset[]>([["", base]]);
  const reachWith = (chosen: readonly string[]) => {
    const key = [...chosen].sort().join("\n");
    let r = reached.get(key);
    if (!r) {
      r = engine.reach(workloadId, chosen.flatMap((id) => engine.effect(byId.get(id)!).removed));
      reached.set(key, r);
    }
    return r;
  };
  for (const tier of ["critical", "high"] as const) {
    const wanted = TIERS[tier];
    if (!base.some((r) => wanted.has(r.sensitivity))) continue;
    const result = cheapestFixSet(
      {
        paths: (chosen) =>
          reachWith(chosen)
            .filter((r) => wanted.has(r.sensitivity))
            .map((r) => r.path.map((s) => engine.edgeRef(s))),
        fixesFor: (edge) => {
          const step = stepOf(graph, edge);
          return fixesForEdge(graph, ctx, step)
            .filter(usable)
            .map((fix) => {
              const id = fixId(fix);
              byId.set(id, fix);
              return id;
            });
        },
        cost: (id) => summary(byId.get(id)!).cost,
        removes: (id) => {
          let set = removeSets.get(id);
          if (!set) removeSets.set(id, (set = new Set(engine.effect(byId.get(id)!).removed)));
          return set;
        },
      },
      { deadline: performance.now() + (opts.budgetMs ?? 300) },
    );
    const fixes = result.fixes.map((id) => summary(byId.get(id)!));
    const removed = new Set(fixes.flatMap((f) => engine.effect(f.fix).removed));
    const after = result.status === "impossible" ? base : reachWith(result.fixes);
    minimalCuts.push({
      tier,
      status: result.status,
      fixes,
      cost: result.cost,
      lowerBound: round(result.lowerBound),
      edgeCutCost: result.edgeCutCost === null || !Number.isFinite(result.edgeCutCost) ? null : round(result.edgeCutCost),
      scoreAfter: result.status === "impossible" ? baseScore : scoreReachable(after).score,
      removedAssets: result.status === "impossible" ? [] : lost(after),
      removedEdges: removedFrom(removed),
      uncut: result.uncut ? result.uncut.map((e) => stepOf(graph, e)) : null,
    });
  }
  return { workload: workloadId, score: baseScore, minimalCut: minimalCuts[0] ?? null, minimalCuts, whatIf, ms: round(performance.now() - t0) };
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : n);

/** The step of a CSR position (its source found by binary search on the offsets). */
function stepOf(graph: TAttackGraph, edge: TEdgeRef): TGraphEdge {
  return { from: graph.id(edge.from), edge: kindAt(graph, edge.id), to: graph.id(edge.to) };
}

function kindAt(graph: TAttackGraph, position: number): TGraphEdge["edge"] {
  return EDGE_KINDS[graph.edgeKinds[position]];
}
