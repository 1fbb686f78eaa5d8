// A week of triage history for the demo, so the managers' response times show something real:
// incidents whose last alert is more than 36 hours old were worked by the demo analyst —
// acknowledged, contained, resolved or dismissed as false positives — faster the more dangerous
// their tier. Deterministic: the same incidents get the same history on every fresh start.
import { createHash } from "node:crypto";

export interface TDemoIncident {
  id: string;
  workloadKey: string;
  tier: string;
  firstSeen: Date;
  lastSeen: Date;
}

export interface TDemoTriage {
  id: string;
  status: "acknowledged" | "contained" | "resolved" | "false_positive";
  acknowledgedAt: Date;
  containedAt: Date | null;
  resolvedAt: Date | null;
  reason: string | null;
  /** as the resolve dialog records it: verdict, outcome and the analyst's note */
  disposition: { verdict: "true_positive" | "false_positive" | "benign"; outcome?: "contained" | "no_action_needed"; reason: string } | null;
}

const FP_REASON = "expected: scheduled maintenance job";

const MIN = 60_000;
/** acknowledge within [base, base + spread) minutes, by tier */
const ACK = { critical: [4, 30], high: [15, 120], other: [45, 600] } as const;

/**
 * `closeAll`: the earlier weeks' incidents, every one resolved or a false positive. Otherwise only
 * incidents quiet for 36 hours are worked, and some stay acknowledged or contained. Response gets
 * quicker week by week, as a team that learns would.
 */
export function planDemoTriage(incidents: TDemoIncident[], now: Date, closeAll = false): TDemoTriage[] {
  const out: TDemoTriage[] = [];
  for (const i of incidents) {
    if (!closeAll && now.getTime() - i.lastSeen.getTime() < 36 * 60 * MIN) continue;
    // hashed on what does not depend on when the demo starts: the same incidents get the same history
    const hoursAgo = Math.round((now.getTime() - i.firstSeen.getTime()) / (60 * MIN));
    const h = createHash("sha256").update(`${i.workloadKey}|${hoursAgo}`).digest();
    const pick = closeAll ? h[0] % 14 : h[0] % 20;
    const [base, spread] = ACK[(i.tier as keyof typeof ACK) in ACK ? (i.tier as keyof typeof ACK) : "other"];
    const first = i.firstSeen.getTime();
    const weeksAgo = Math.floor((now.getTime() - first) / (7 * 1440 * MIN));
    const slower = 1 + 0.3 * weeksAgo;
    const ack = first + Math.round((base + (h[1] % spread)) * slower) * MIN;
    const contain = ack + (20 + (h[2] % 180)) * MIN;
    const resolve = contain + (60 + h[3] * 4) * MIN;
    const at = (t: number) => new Date(Math.min(t, now.getTime() - MIN));
    const open = { reason: null, disposition: null };
    if (pick < 5) out.push({ id: i.id, status: "false_positive", acknowledgedAt: at(ack), containedAt: null, resolvedAt: at(ack), reason: FP_REASON, disposition: { verdict: "false_positive", reason: FP_REASON } });
    else if (pick < 14) {
      const disposition =
        pick < 10
          ? { verdict: "true_positive" as const, outcome: "contained" as const, reason: "Shell from a vulnerable dependency: pod replaced, image rebuilt, token rotated." }
          : { verdict: "benign" as const, outcome: "no_action_needed" as const, reason: "An engineer debugging with kubectl exec; confirmed with the owning team." };
      out.push({ id: i.id, status: "resolved", acknowledgedAt: at(ack), containedAt: at(contain), resolvedAt: at(resolve), reason: null, disposition });
    } else if (pick < 17) out.push({ id: i.id, status: "contained", acknowledgedAt: at(ack), containedAt: at(contain), resolvedAt: null, ...open });
    else out.push({ id: i.id, status: "acknowledged", acknowledgedAt: at(ack), containedAt: null, resolvedAt: null, ...open });
  }
  return out;
}
