// Blast radius scoring (DESIGN.md "Blast radius"): a likelihood per reachable asset, the chance per
// sensitivity tier that at least one is reached, and the weighted sum, always with its breakdown.
import { SENSITIVITIES, type TSensitivity } from "../inventory/types";
import type { TTierBreakdown } from "./types";

export const TIER_WEIGHT: Record<TSensitivity, number> = { critical: 100, high: 30, medium: 10, low: 3 };
const TIER_ORDER: Record<TSensitivity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** p = 0.7^max(0, cost − 1): a step of cost 1 is as good as done. */
export const likelihood = (cost: number) => 0.7 ** Math.max(0, cost - 1);

export function scoreReachable(items: readonly { sensitivity: TSensitivity; cost: number }[]): { score: number; breakdown: TTierBreakdown[] } {
  const breakdown = SENSITIVITIES.map((tier) => {
    let miss = 1;
    let count = 0;
    let nearestCost: number | null = null;
    for (const item of items) {
      if (item.sensitivity !== tier) continue;
      count++;
      miss *= 1 - likelihood(item.cost);
      if (nearestCost === null || item.cost < nearestCost) nearestCost = item.cost;
    }
    const chance = 1 - miss;
    return { tier, count, nearestCost, chance, contribution: TIER_WEIGHT[tier] * chance };
  });
  const score = breakdown.reduce((sum, tier) => sum + tier.contribution, 0);
  return { score: Math.round(score * 100) / 100, breakdown };
}

/** Reachable order: cheapest first, then the more sensitive, then by identifier. */
export function compareReachable(a: { cost: number; sensitivity: TSensitivity; asset: string }, b: { cost: number; sensitivity: TSensitivity; asset: string }): number {
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.sensitivity !== b.sensitivity) return TIER_ORDER[a.sensitivity] - TIER_ORDER[b.sensitivity];
  return a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0;
}
