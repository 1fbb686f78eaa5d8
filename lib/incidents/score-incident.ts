// Incident score = blast radius × severity factor × evidence boost (DESIGN.md "Incident"),
// always stored with its breakdown so the queue can show why.
import { SEVERITY_FACTOR } from "../alerts/severity";
import type { TSeverity } from "../alerts/types";
import type { TTierBreakdown } from "../graph/types";

/** An alert that shows a step of one of the workload's paths multiplies the score (DESIGN.md "Incident"). */
export const EVIDENCE_BOOST = 1.5;

export interface TIncidentScoreInput {
  /** the workload's blast radius score and tier breakdown; null when the pod is not in the inventory */
  blast: { score: number; breakdown: TTierBreakdown[] } | null;
  severity: string;
  /** whether some alert showed a step of one of the workload's paths */
  evidence: boolean;
  /** why there is no blast radius, for the breakdown */
  basis: "workload" | "not_in_inventory" | "node" | "user";
}

export interface TIncidentScore {
  score: number;
  breakdown: {
    blastRadius: number;
    tiers: TTierBreakdown[];
    severity: string;
    severityFactor: number;
    evidenceBoost: number;
    basis: TIncidentScoreInput["basis"];
  };
}

/** Why an incident scores what it does: stored with it and shown in the queue. */
export type TScoreBreakdown = TIncidentScore["breakdown"];

/** A compromised node is itself a `high` asset reached at no cost (weight 30). */
export const NODE_BLAST_RADIUS = 30;

export function scoreIncident(input: TIncidentScoreInput): TIncidentScore {
  const blastRadius = input.blast?.score ?? (input.basis === "node" ? NODE_BLAST_RADIUS : 0);
  const severityFactor = SEVERITY_FACTOR[input.severity as TSeverity] ?? 0.6;
  const evidenceBoost = input.evidence ? EVIDENCE_BOOST : 1;
  const score = Math.round(blastRadius * severityFactor * evidenceBoost * 100) / 100;
  return {
    score,
    breakdown: { blastRadius, tiers: input.blast?.breakdown ?? [], severity: input.severity, severityFactor, evidenceBoost, basis: input.basis },
  };
}
