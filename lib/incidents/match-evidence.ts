// Links an alert's evidence (the edge kinds it shows a step of) to concrete steps of the
// workload's attack paths, so the graph can draw the exercised edges.
import type { TPathStep } from "../graph/types";

export interface TMatchedEvidence {
  edge: string;
  detail: string;
  /** the path step this alert exercised, or null when the workload has no such step */
  step: TPathStep | null;
}

function belongsToPod(vertex: string, namespace: string | null, pod: string | null): boolean {
  if (!namespace || !pod) return true;
  const prefix = `${namespace}/${pod}/`;
  return (
    vertex.startsWith(`Container/${prefix}`) || vertex.startsWith(`Volume/${prefix}`) || vertex === `Pod/${namespace}/${pod}` || !/^(Container|Volume|Pod)\//.test(vertex)
  );
}

export function matchEvidence(
  evidence: { edge: string; detail: string }[],
  paths: TPathStep[][],
  pod: { namespace: string | null; pod: string | null },
): TMatchedEvidence[] {
  return evidence.map((e) => {
    for (const path of paths) {
      const step = path.find((s) => s.edge === e.edge && belongsToPod(s.from, pod.namespace, pod.pod));
      if (step) return { ...e, step };
    }
    return { ...e, step: null };
  });
}
