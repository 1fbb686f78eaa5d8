// The tier of an incident (DESIGN.md "Incident tier"): written once when it opens, never
// recomputed, so response times and SLAs keep grouping an incident as dangerous as it was then.
// `critical` when its workload reached a critical asset at cost ≤ 3, else `high` for a high one at
// cost ≤ 3, else `other`. The migration that added the column back-filled it with the same rule in SQL
// (prisma/migrations/20261202050000_ownership_and_tiers).

export const INCIDENT_TIERS = ["critical", "high", "other"] as const;
export type TIncidentTier = (typeof INCIDENT_TIERS)[number];

/** Cheapest cost at which a tier still counts toward the incident's tier. */
export const TIER_MAX_COST = 3;

interface TTierCount {
  tier: string;
  count: number;
  nearestCost: number | null;
}

export function incidentTier(breakdown: { tiers?: readonly TTierCount[] } | null | undefined): TIncidentTier {
  const near = (tier: string) =>
    (breakdown?.tiers ?? []).some((t) => t.tier === tier && t.count > 0 && t.nearestCost !== null && t.nearestCost <= TIER_MAX_COST);
  if (near("critical")) return "critical";
  if (near("high")) return "high";
  return "other";
}
