// Choke points of a cluster (DESIGN.md "Contain and fix"): every candidate fix of every workload's
// paths, ranked by the blast radius it removes across all workloads, each fix alone — "removing
// get secrets from ClusterRole X takes critical reach away from 14 workloads". Removed = the sum of
// the workloads' score drops, each drop a what-if recomputed by the engine (below the removed edges
// of that workload's cheapest-path tree), never estimated.
import { scoreReachable } from "../graph/scoring";
import type { TReachableAsset } from "../graph/types";
import { candidatesFor, fixCost } from "./candidates";
import { fixTitle, type TFix } from "./fixes";
import { fixPatch, splitPatch, type TFixApply } from "./patch";
import type { FixEngine } from "./workload-fixes";

export interface TChokeWorkload {
  workload: string;
  before: number;
  after: number;
  /** reached a critical asset before, none after */
  losesCritical: boolean;
  removedAssets: number;
}

export interface TChokePoint {
  id: string;
  fix: TFix;
  title: string;
  /** as priced for the platform team: every workload it serves counts */
  cost: number;
  /** YAML (for a deletion, a comment with the command) */
  patch: string;
  apply: TFixApply;
  /** sum of the score drops */
  removed: number;
  /** workloads that lose all critical reach */
  criticalCut: number;
  workloads: TChokeWorkload[];
}

export interface TChokePoints {
  workloads: number;
  candidates: number;
  /** fixes that lower some workload's blast radius (points holds the first `limit`) */
  total: number;
  points: TChokePoint[];
  ms: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

function pathEdges(reachable: readonly TReachableAsset[]) {
  const out = new Map<string, TReachableAsset["path"][number]>();
  for (const r of reachable) for (const s of r.path) out.set(`${s.from}\0${s.edge}\0${s.to}`, s);
  return out.values();
}

/** Every workload's candidate fixes, each tried on that workload; aggregated per fix. */
export function chokePoints(engine: FixEngine, opts: { workloads?: readonly string[]; limit?: number } = {}): TChokePoints {
  const t0 = performance.now();
  const { graph, ctx } = engine;
  const ids = opts.workloads ?? graph.workloads.map((w) => w.id);
  const points = new Map<string, { fix: TFix; removed: number; criticalCut: number; workloads: TChokeWorkload[] }>();
  let candidates = 0;
  for (const workload of ids) {
    const base = engine.baseline(workload);
    if (base.length === 0) continue;
    const before = scoreReachable(base).score;
    const critical = base.some((r) => r.sensitivity === "critical");
    for (const [id, fix] of candidatesFor(graph, ctx, pathEdges(base))) {
      candidates++;
      const effect = engine.effect(fix);
      if (effect.removed.length === 0 || effect.added.length > 0) continue;
      const after = engine.whatIf(workload, effect.removed);
      const score = scoreReachable(after).score;
      const removedAssets = base.length - after.length;
      if (score >= before && removedAssets === 0) continue;
      const losesCritical = critical && !after.some((r) => r.sensitivity === "critical");
      let point = points.get(id);
      if (!point) points.set(id, (point = { fix, removed: 0, criticalCut: 0, workloads: [] }));
      point.removed += before - score;
      if (losesCritical) point.criticalCut++;
      point.workloads.push({ workload, before, after: score, losesCritical, removedAssets });
    }
  }
  const ranked = [...points.entries()].map(([id, p]) => ({ id, ...p, removed: round(p.removed), cost: fixCost(graph, ctx, p.fix, "") }));
  ranked.sort((a, b) => b.removed - a.removed || b.criticalCut - a.criticalCut || a.cost - b.cost || (a.id < b.id ? -1 : 1));
  // titles and patches for the ones shown only (a YAML document each)
  const out: TChokePoint[] = ranked.slice(0, opts.limit ?? 200).map((p) => ({
    id: p.id,
    fix: p.fix,
    title: fixTitle(p.fix),
    cost: p.cost,
    ...splitPatch(fixPatch(ctx.inv, p.fix, graph)),
    removed: p.removed,
    criticalCut: p.criticalCut,
    workloads: p.workloads.sort((a, b) => b.before - b.after - (a.before - a.after) || (a.workload < b.workload ? -1 : 1)),
  }));
  return { workloads: ids.length, candidates, total: ranked.length, points: out, ms: round(performance.now() - t0) };
}

/** The choke points as one patch file: every selected fix's YAML and command, in order. */
export function chokePatchFile(points: readonly TChokePoint[]): string {
  const parts = points.map((p) => {
    const names = p.workloads.slice(0, 5).map((w) => w.workload).join(", ") + (p.workloads.length > 5 ? ` and ${p.workloads.length - 5} more` : "");
    const head = `# ${p.title}\n# removes ${p.removed} of blast radius across ${p.workloads.length} workload(s): ${names}\n# apply with: ${p.apply.command || "(no command)"}\n`;
    return p.apply.format === "none" ? head : `${head}${p.patch}`;
  });
  return parts.join("---\n");
}
