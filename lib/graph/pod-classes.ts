// Pod classes: pods whose containers and volumes have the same out-edges (same service account,
// node, security context, volumes, Secrets and policy selection) reach the same assets at the
// same costs, so one search serves the whole class; paths are re-labelled per pod.
import { EDGE_KINDS, type TAttackGraph, type TPodInfo } from "./types";

const K_VOLUME_DISCOVER = EDGE_KINDS.indexOf("VOLUME_DISCOVER");

export interface TPodLocal {
  /** container vertex indices, spec order */
  containers: number[];
  /** the pod's own vertices (containers, volumes, the pod) → their identifier */
  own: Map<number, string>;
}

/** The pod's own vertices: its containers, the volumes they discover, and the pod itself. */
export function podLocal(graph: TAttackGraph, pod: TPodInfo): TPodLocal {
  const containers = pod.containers.map((id) => graph.index(id)).filter((i) => i >= 0);
  const own = new Map<number, string>();
  const podIndex = graph.index(pod.id);
  if (podIndex >= 0) own.set(podIndex, pod.id);
  const volumePrefix = `Volume/${pod.namespace}/${pod.name}/`;
  for (const c of containers) {
    own.set(c, graph.id(c));
    for (let e = graph.offsets[c]; e < graph.offsets[c + 1]; e++) {
      const v = graph.targets[e];
      if (graph.edgeKinds[e] === K_VOLUME_DISCOVER && graph.id(v).startsWith(volumePrefix)) own.set(v, graph.id(v));
    }
  }
  return { containers, own };
}

// The part of an own identifier after `<Kind>/<ns>/<pod>/`, the same for every pod of a class.
const localName = (id: string, pod: TPodInfo) => id.slice(id.indexOf("/") + pod.namespace.length + pod.name.length + 3);

export function classSignature(graph: TAttackGraph, pod: TPodInfo, local: TPodLocal): string {
  const parts: string[] = [pod.namespace];
  const owned = [...local.own.entries()].filter(([, id]) => id !== pod.id).sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [v, id] of owned) {
    const edges: string[] = [];
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
      const t = graph.targets[e];
      const target = local.own.get(t);
      edges.push(`${graph.edgeKinds[e]}>${target === undefined ? t : `~${target.slice(0, target.indexOf("/"))}:${localName(target, pod)}`}`);
    }
    parts.push(`${id.slice(0, id.indexOf("/"))}:${localName(id, pod)}(${edges.sort().join(",")})`);
  }
  return parts.join("|");
}

export interface TPodClasses {
  /** class index per pod (graph.pods order) */
  classOf: Int32Array;
  count: number;
  locals: TPodLocal[];
}

export function computePodClasses(graph: TAttackGraph): TPodClasses {
  const keys = new Map<string, number>();
  const classOf = new Int32Array(graph.pods.length);
  const locals = graph.pods.map((pod) => podLocal(graph, pod));
  graph.pods.forEach((pod, i) => {
    const key = classSignature(graph, pod, locals[i]);
    let c = keys.get(key);
    if (c === undefined) keys.set(key, (c = keys.size));
    classOf[i] = c;
  });
  return { classOf, count: keys.size, locals };
}

/** Re-labels a path found from one pod of a class for another pod of the same class. */
export function relabel(id: string, from: TPodInfo, to: TPodInfo): string {
  const kind = id.slice(0, id.indexOf("/"));
  const prefix = `${kind}/${from.namespace}/${from.name}`;
  if (id === prefix) return `${kind}/${to.namespace}/${to.name}`;
  return id.startsWith(`${prefix}/`) ? `${kind}/${to.namespace}/${to.name}/${id.slice(prefix.length + 1)}` : id;
}
