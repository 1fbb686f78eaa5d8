// Why an incident has its score, in words: which tiers of assets are within reach and how
// near, times the severity factor, times the evidence boost (DESIGN.md "Incident").

export interface TExplainInput {
  score: number;
  breakdown: {
    blastRadius: number;
    tiers: { tier: string; count: number; nearestCost: number | null; contribution: number }[];
    severity: string;
    severityFactor: number;
    evidenceBoost: number;
    basis: string;
  } | null;
}

export interface TScoreExplanation {
  /** per tier with something reachable: "2 critical assets, nearest at cost 3: +70.0" */
  tiers: { tier: string; text: string }[];
  /** "blast radius 138.5 × severity warning 0.6 × evidence 1.5 = 124.6" */
  formula: string;
  /** why there is (or is no) blast radius */
  basisNote: string | null;
  evidenceNote: string;
  /** one line for screen readers and titles */
  summary: string;
}

const BASIS_NOTES: Record<string, string> = {
  not_in_inventory:
    "An unknown workload: no controller in the inventory made this pod, which is itself suspicious. It is scored as any new pod of its namespace: the default service account's token and what the namespace's NetworkPolicies let a pod without labels reach.",
  node: "The alert is on a node: a compromised node is itself a high asset.",
  user: "The alert is on an API user, not a workload: no blast radius is computed.",
};

const fmt = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export function explainScore({ score, breakdown }: TExplainInput): TScoreExplanation {
  if (!breakdown) {
    return { tiers: [], formula: `score ${fmt(score)}`, basisNote: null, evidenceNote: "", summary: `Score ${fmt(score)}` };
  }
  const tiers = breakdown.tiers
    .filter((t) => t.count > 0)
    .map((t) => ({
      tier: t.tier,
      text: `${t.count} ${t.tier} asset${t.count === 1 ? "" : "s"}, nearest at cost ${t.nearestCost ?? "?"}: +${fmt(t.contribution)}`,
    }));
  const formula = `blast radius ${fmt(breakdown.blastRadius)} × severity ${breakdown.severity} ${breakdown.severityFactor} × evidence ${breakdown.evidenceBoost} = ${fmt(score)}`;
  const evidenceNote =
    breakdown.evidenceBoost > 1
      ? `An alert shows a step of one of the workload's attack paths (×${breakdown.evidenceBoost}).`
      : "No alert shows a step of an attack path yet (×1).";
  const reach = tiers.length ? tiers.map((t) => t.text).join("; ") : "nothing sensitive within reach";
  return {
    tiers,
    formula,
    basisNote: BASIS_NOTES[breakdown.basis] ?? null,
    evidenceNote,
    summary: `Score ${fmt(score)}: ${reach}; ${formula}`,
  };
}
