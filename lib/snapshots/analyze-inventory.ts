// The pure part of an upload: parse, build the attack graph, compute every workload's blast
// radius, and list what storage needs (edges, assets, which pod belongs to which workload).
import { parseInventory } from "../inventory/parse-inventory";
import type { TInventory, TInventorySource } from "../inventory/types";
import { buildAttackGraph } from "../graph/build-graph";
import { computeBlastRadius, newPodRadii } from "../graph/blast-radius";
import { RadiusEngine } from "../graph/radius-engine";
import type { RadiusMemo, TRadiusMemoFigures } from "../graph/radius-memo";
import { controllerRecords, podIdOf } from "../graph/workloads";
import type { TControllerRecord } from "../graph/pod-name-owner";
import type { TAssetInfo, TAttackGraph, TGraphEdge, TWorkloadRadius } from "../graph/types";

type TPodRow = TAnalysis["podIndex"][number];
const podRows = new WeakMap<object, TPodRow>();

export interface TAnalysis {
  inventory: TInventory;
  graph: TAttackGraph;
  radii: TWorkloadRadius[];
  /** per namespace, a pod the inventory does not show (lib/graph/blast-radius.ts newPodRadii) */
  newPods: TWorkloadRadius[];
  edges: Iterable<TGraphEdge>;
  assets: Iterable<[string, TAssetInfo]>;
  /** real pods only (not the ones synthesized from manifests): how alerts find their workload */
  podIndex: { namespace: string; name: string; workloadKey: string; nodeName: string | null; serviceAccount: string | null }[];
  /** Team documents left out (applyTeams: false) */
  teamsSkipped: string[];
  /** controllers that name pods, for pods newer than this snapshot */
  controllers: TControllerRecord[];
  /** with a radius memo (a live run): how many searches were reused and run */
  searches: TRadiusMemoFigures | null;
}

export interface TAnalyzeOptions {
  applyTeams?: boolean;
  /** a live run's: searches the change cannot affect reuse the previous run's answers (lib/graph/radius-memo.ts) */
  radiusMemo?: RadiusMemo;
}

export function* graphAssets(graph: TAttackGraph): Iterable<[string, TAssetInfo]> {
  for (let i = 0; i < graph.vertexCount; i++) {
    const info = graph.asset(i);
    if (info) yield [graph.id(i), info];
  }
}

/** The documents but Team documents: what an upload that may not change teams stores. */
export function withoutTeams<T>(documents: ReadonlyMap<string, T>): Map<string, T> {
  return new Map([...documents].filter(([key]) => !key.startsWith("Team\0")));
}

/**
 * `checkGraph` may refuse the graph (throw) before blast radius is computed on it. With
 * `applyTeams: false`, Team documents are left out (their names in `teamsSkipped`): they neither
 * create teams nor decide ownership.
 */
export function analyzeInventory(
  sources: TInventorySource[],
  cluster: string,
  checkGraph?: (graph: TAttackGraph) => void,
  opts: TAnalyzeOptions = {},
): TAnalysis {
  return analyzeParsed(parseInventory(sources), cluster, checkGraph, opts);
}

/** analyzeInventory on an inventory already parsed (a live inventory's, lib/workers/inventory-worker.ts). */
export function analyzeParsed(
  parsed: TInventory,
  cluster: string,
  checkGraph?: (graph: TAttackGraph) => void,
  opts: TAnalyzeOptions = {},
): TAnalysis {
  const teamsSkipped = opts.applyTeams === false ? parsed.teams.map((t) => t.name) : [];
  const inventory = opts.applyTeams === false ? { ...parsed, teams: [], documents: withoutTeams(parsed.documents) } : parsed;
  const graph = buildAttackGraph(inventory, { cluster, previous: opts.radiusMemo?.lastGraph, memo: opts.radiusMemo?.builds });
  checkGraph?.(graph);
  const memo = opts.radiusMemo?.begin(graph) ?? null;
  const engine = new RadiusEngine(graph, memo);
  const radii = computeBlastRadius(graph, inventory, { engine });
  const newPods = newPodRadii(graph, inventory, engine);
  memo?.finish(engine.tables);
  const podObjects = new Map(inventory.pods.map((p) => [podIdOf(p), p]));
  const podIndex: TPodRow[] = [];
  for (const p of graph.pods) {
    if (p.synthesized) continue;
    const object = podObjects.get(p.id);
    const spec = object?.spec ?? {};
    const serviceAccount = object ? (spec.serviceAccountName ?? spec.serviceAccount ?? "default") : null;
    const nodeName = p.node === "unscheduled" ? null : p.node;
    // the same row object while the pod object and its fields are (row-delta.ts pairs such rows off first)
    let row = object && podRows.get(object);
    if (!row || row.workloadKey !== p.workload || row.nodeName !== nodeName || row.serviceAccount !== serviceAccount) {
      row = { namespace: p.namespace, name: p.name, workloadKey: p.workload, nodeName, serviceAccount };
      if (object) podRows.set(object, row);
    }
    podIndex.push(row);
  }
  return { inventory, graph, radii, newPods, edges: graph.edges(), assets: graphAssets(graph), podIndex, teamsSkipped, controllers: controllerRecords(inventory), searches: memo?.figures ?? null };
}
