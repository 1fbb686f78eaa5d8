// "What changed" between two inventories of a cluster (DESIGN.md "Managers"): the paths to critical
// and high assets that appeared or went away, per workload, each attributed to the first step of
// the path the other inventory does not have — the edge, the rule that made it (its catalog text)
// and the object it leaves from ("container "api" of pod payments/api-1 gained CE_PRIV_MOUNT").
import { describeSubject, edgeTexts } from "../graph/remediation";
import type { TPathStep, TReachableAsset } from "../graph/types";

export interface TSnapshotSide {
  /** every edge, as `from|edge|to` */
  edges: Set<string>;
  /** per workload key, its reachable assets with their cheapest paths */
  workloads: Map<string, TReachableAsset[]>;
}

export interface TPathChange {
  workload: string;
  asset: string;
  type: string;
  sensitivity: "critical" | "high";
  change: "new" | "removed";
  cost: number;
  path: TPathStep[];
  /** the step only one side has, with who must change and why; null when every step is in both */
  cause: { from: string; edge: string; to: string; subject: string; explanation: string; remediation: string } | null;
  /** in words: "container "api" of pod payments/api-1 gained CE_PRIV_MOUNT" */
  summary: string;
}

const key = (s: TPathStep) => `${s.from}|${s.edge}|${s.to}`;
const DANGEROUS = new Set(["critical", "high"]);

function changesOf(from: TSnapshotSide, to: TSnapshotSide, change: "new" | "removed"): TPathChange[] {
  const out: TPathChange[] = [];
  for (const [workload, reachable] of to.workloads) {
    const before = new Map((from.workloads.get(workload) ?? []).map((a) => [a.asset, a]));
    for (const a of reachable) {
      if (!DANGEROUS.has(a.sensitivity)) continue;
      const was = before.get(a.asset);
      if (was && DANGEROUS.has(was.sensitivity)) continue;
      const step = a.path.find((s) => !from.edges.has(key(s))) ?? null;
      const texts = step ? edgeTexts(step) : null;
      // an identity newly holding a role: what changed is the binding that grants it
      const granted = step?.to.startsWith("PermissionSet/") ?? false;
      const subject = step ? describeSubject(granted ? step.to : step.from) : "";
      const cause = step && texts ? { ...step, subject, explanation: texts.explanation, remediation: texts.remediation } : null;
      const verb = change === "new" ? "gained" : "lost";
      const summary = cause
        ? granted
          ? `${subject} ${change === "new" ? "now applies to" : "no longer applies to"} ${describeSubject(step!.from)}`
          : `${subject} ${verb} ${step!.edge} (→ ${step!.to})`
        : was
          ? `${a.asset} is now labelled ${a.sensitivity} (was ${was.sensitivity})`
          : `${change === "new" ? "a" : "the"} path over edges both inventories have ${change === "new" ? "now reaches" : "no longer reaches"} it`;
      out.push({ workload, asset: a.asset, type: a.type, sensitivity: a.sensitivity as "critical" | "high", change, cost: a.cost, path: a.path, cause, summary });
    }
  }
  return out;
}

/** Paths to critical and high assets new in `b` and gone since `a`, most sensitive first. */
export function diffSnapshots(a: TSnapshotSide, b: TSnapshotSide): TPathChange[] {
  const rank = (c: TPathChange) => (c.sensitivity === "critical" ? 0 : 1);
  return [...changesOf(a, b, "new"), ...changesOf(b, a, "removed")].sort(
    (x, y) => rank(x) - rank(y) || (x.change < y.change ? -1 : x.change > y.change ? 1 : 0) || (x.workload < y.workload ? -1 : 1) || (x.asset < y.asset ? -1 : 1),
  );
}
