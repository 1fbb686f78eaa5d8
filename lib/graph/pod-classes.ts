// Pod classes: pods whose containers and volumes have the same out-edges (same service account,
// node, security context, volumes, Secrets and policy selection) reach the same assets at the
// same costs, so one search serves the whole class; paths are re-labelled per pod.
import { EDGE_KINDS, type TAttackGraph, type TPodInfo } from "./types";

const K_VOLUME_DISCOVER = EDGE_KINDS.indexOf("VOLUME_DISCOVER");

export interface TPodLocal {
  /** the pod's vertex, -1 when absent */
  pod: number;
  /** container vertex indices, spec order */
  containers: number[];
  /** the pod's own vertices (containers and the volumes they discover), ascending */
  own: number[];
}

/** The pod's own vertices: its containers and the volumes they discover (VOLUME_DISCOVER stays inside the pod). */
export function podLocal(graph: TAttackGraph, pod: TPodInfo): TPodLocal {
  const containers: number[] = [];
  for (const id of pod.containers) {
    const i = graph.index(id);
    if (i >= 0) containers.push(i);
  }
  const own = containers.slice();
  for (const c of containers) {
    for (let e = graph.offsets[c]; e < graph.offsets[c + 1]; e++) if (graph.edgeKinds[e] === K_VOLUME_DISCOVER && !own.includes(graph.targets[e])) own.push(graph.targets[e]);
  }
  return { pod: graph.index(pod.id), containers, own: own.sort((a, b) => a - b) };
}

/**
 * The pod's structure as integers: per own vertex (in index order, which pods of one template share:
 * their identifiers differ only in the pod name) its kind, then its out-edges to other vertices by
 * index, then those to own vertices by rank. Equal words mean own vertex i of one pod plays the
 * part of own vertex i of the other, so paths carry over by renaming. Written into `out` (grown
 * as needed); returns it and the number of words.
 */
export function classWords(graph: TAttackGraph, local: TPodLocal, namespace: number, out: Int32Array = new Int32Array(64)): { words: Int32Array; length: number } {
  const { own } = local;
  let words = out;
  let n = 0;
  const push = (w: number) => {
    if (n === words.length) {
      const grown = new Int32Array(words.length * 2);
      grown.set(words);
      words = grown;
    }
    words[n++] = w;
  };
  push(namespace);
  push(own.length);
  for (const v of own) {
    push(graph.vertexKinds[v]);
    push(-1);
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
      const t = graph.targets[e];
      if (own.indexOf(t) < 0) {
        push(graph.edgeKinds[e]);
        push(t);
      }
    }
    push(-2);
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) {
      const r = own.indexOf(graph.targets[e]);
      if (r >= 0) {
        push(graph.edgeKinds[e]);
        push(r);
      }
    }
  }
  return { words, length: n };
}

// Two 32-bit FNV-style hashes folded into one safe integer key; equal keys are verified word by word.
function hashWords(words: Int32Array, length: number): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < length; i++) {
    const w = words[i];
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ (w + 0x7f4a7c15), 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (a >>> 0) * 2 ** 21 + (b >>> 11);
}

function sameWords(a: Int32Array, b: Int32Array, length: number): boolean {
  if (a.length !== length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export interface TPodClasses {
  /** class index per pod (graph.pods order) */
  classOf: Int32Array;
  count: number;
  locals: TPodLocal[];
}

/** Numbers pods by class as they are shown them: equal words (and namespace), one class. */
export class PodClassifier {
  private readonly namespaces = new Map<string, number>();
  // per key, the classes' words (a class's words are kept; a pod's are written over one scratch buffer)
  private readonly byKey = new Map<number, { index: number; words: Int32Array }[]>();
  private scratch: Int32Array = new Int32Array(256);
  /** classes seen so far */
  count = 0;

  constructor(private readonly graph: TAttackGraph) {}

  classify(pod: TPodInfo, local: TPodLocal): number {
    let ns = this.namespaces.get(pod.namespace);
    if (ns === undefined) this.namespaces.set(pod.namespace, (ns = this.namespaces.size));
    const { words, length } = classWords(this.graph, local, ns, this.scratch);
    this.scratch = words;
    const key = hashWords(words, length);
    let bucket = this.byKey.get(key);
    let match = bucket?.find((c) => sameWords(c.words, words, length));
    if (!match) {
      match = { index: this.count++, words: words.slice(0, length) };
      if (bucket) bucket.push(match);
      else this.byKey.set(key, (bucket = [match]));
    }
    return match.index;
  }
}

export function computePodClasses(graph: TAttackGraph): TPodClasses {
  const classifier = new PodClassifier(graph);
  const locals = graph.pods.map((pod) => podLocal(graph, pod));
  const classOf = Int32Array.from(graph.pods, (pod, i) => classifier.classify(pod, locals[i]));
  return { classOf, count: classifier.count, locals };
}

/** Renames a class member's identifiers from the pod a path was found for to another pod of the class. */
export function relabeller(graph: TAttackGraph, from: TPodLocal, to: TPodLocal): (id: string) => string {
  const names = new Map<string, string>();
  if (from.pod >= 0 && to.pod >= 0) names.set(graph.id(from.pod), graph.id(to.pod));
  from.own.forEach((v, i) => names.set(graph.id(v), graph.id(to.own[i])));
  return (id) => names.get(id) ?? id;
}
