// One reusable search engine per graph: reachable assets of a set of pods (one search, sources
// deduplicated by pod class) and of a single pod (cached per class, re-labelled per pod).
import { GroupTables } from "./group-tables";
import { computePodClasses, PodClassifier, podLocal, relabeller, type TPodClasses, type TPodLocal } from "./pod-classes";
import type { RadiusMemoRun } from "./radius-memo";
import { reachableAssets, StepCache } from "./reach";
import { SearchSpace } from "./search";
import type { TAttackGraph, TReachableAsset } from "./types";

export class RadiusEngine {
  private readonly space: SearchSpace;
  private readonly steps: StepCache;
  private classesCache: TPodClasses | null = null;
  private locals: TPodLocal[] | null = null;
  private readonly podIndex: Map<string, number>;
  private readonly byClass = new Map<number, { rep: number; reachable: TReachableAsset[] }>();
  readonly tables: GroupTables;

  /** `memo`: a live run's, whose searches reuse the previous graph's answers where nothing they read changed */
  constructor(
    readonly graph: TAttackGraph,
    private readonly memo: RadiusMemoRun | null = null,
  ) {
    this.tables = new GroupTables(graph);
    memo?.useTables(this.tables);
    this.space = new SearchSpace(graph, this.tables);
    this.steps = new StepCache(this.space);
    this.podIndex = new Map(graph.pods.map((pod, i) => [pod.id, i]));
  }

  get classes(): TPodClasses {
    this.classesCache ??= computePodClasses(this.graph);
    return this.classesCache;
  }

  /**
   * The union of the pods' blast radii: one multi-source search whose sources are the containers of
   * the first pod (by identifier) of each class, so per asset the cheapest path over the pods wins.
   * With a memo, the previous run's answer when the pods and their own vertices are unchanged.
   */
  reachFromPods(podIds: readonly string[]): TReachableAsset[] {
    const podsKey = this.memo ? podIds.join("\n") : null;
    const known = podsKey === null ? null : this.memo!.lookupPods(podsKey);
    if (known && "reachable" in known) return known.reachable;
    // the previous run's classes when they still hold, else classes among these pods only
    // (computePodClasses restricted to them): the first pod of each gives its containers
    const { own, sources } = known ?? this.podSources(podIds);
    if (sources.length === 0) return [];
    const reachable = this.search(sources);
    if (podsKey !== null) this.memo!.recordPods(podsKey, own, sources);
    return reachable;
  }

  private podSources(podIds: readonly string[]): { own: Int32Array; sources: number[] } {
    const indices = podIds.map((id) => this.podIndex.get(id)).filter((i): i is number => i !== undefined);
    indices.sort((a, b) => a - b);
    const classifier = new PodClassifier(this.graph);
    const sources: number[] = [];
    const own: number[] = [];
    for (const i of indices) {
      const local = this.local(i);
      own.push(...local.own);
      const classes = classifier.count;
      classifier.classify(this.graph.pods[i], local);
      if (classifier.count > classes) sources.push(...local.containers);
    }
    return { own: Int32Array.from(own), sources: sources.sort((a, b) => a - b) };
  }

  private local(i: number): TPodLocal {
    if (this.classesCache) return this.classesCache.locals[i];
    this.locals ??= new Array(this.graph.pods.length);
    return (this.locals[i] ??= podLocal(this.graph, this.graph.pods[i]));
  }

  /** Assets reachable from arbitrary vertices (absent ones ignored), each path starting at one of them. */
  reachFromVertices(ids: readonly string[]): TReachableAsset[] {
    const sources = ids.map((id) => this.graph.index(id)).filter((i) => i >= 0);
    if (sources.length === 0) return [];
    return this.search([...new Set(sources)].sort((a, b) => a - b));
  }

  private search(sources: number[]): TReachableAsset[] {
    const known = this.memo?.lookup(sources);
    if (known) return known;
    this.space.run(sources);
    const reachable = reachableAssets(this.space, this.steps);
    this.memo?.record(sources, this.space.settled, this.space.settledGroups, reachable);
    return reachable;
  }

  /** One pod's blast radius: searched once per class (from its first pod), re-labelled for the others. */
  reachFromPod(podId: string): TReachableAsset[] {
    const i = this.podIndex.get(podId);
    if (i === undefined) return [];
    const c = this.classes.classOf[i];
    let entry = this.byClass.get(c);
    if (!entry) {
      entry = { rep: i, reachable: this.reachFromPods([podId]) };
      this.byClass.set(c, entry);
    }
    if (entry.rep === i) return entry.reachable;
    const rename = relabeller(this.graph, this.classes.locals[entry.rep], this.classes.locals[i]);
    return entry.reachable.map((r) => ({ ...r, path: r.path.map((s) => ({ from: rename(s.from), edge: s.edge, to: rename(s.to) })) }));
  }
}
