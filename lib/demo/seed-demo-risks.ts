// Accepted risks for the demo, so the managers' screens show one in force and one that came back:
// the demo manager accepted a DaemonSet's container escape (node agents are privileged by design)
// until next week, and a whole workload whose acceptance has expired.
import type { TActor } from "../auth/actor";
import { ALL_TEAMS } from "../auth/scope";
import { acceptedRiskCount, insertAcceptedRisk, sweepExpiredRisks } from "../db/accepted-risks";
import { findUserByEmail } from "../db/users";
import { listCurrentWorkloads } from "../db/workloads";
import { stableEdgeRef } from "../domain/accepted-risk";
import { presentWorkload } from "../snapshots/present-workload";
import { DEMO_CLUSTER } from "./build-demo-inventory";

export const DEMO_MANAGER = "manager@demo.blastradius.dev";
const DAY = 86_400_000;

/** Returns how many risks it accepted (none when the demo manager or a fitting workload is missing, or risks exist). */
export async function seedDemoRisks(now = new Date()): Promise<number> {
  const manager = await findUserByEmail(DEMO_MANAGER);
  if (!manager || (await acceptedRiskCount()) > 0) return 0;
  const actor: TActor = { kind: "user", id: manager.id, label: DEMO_MANAGER, role: "manager", teamIds: [], userId: manager.id };
  const workloads = await listCurrentWorkloads({ cluster: DEMO_CLUSTER, limit: 1000 }, ALL_TEAMS);
  let accepted = 0;

  // a node agent's escape to its node: the first DaemonSet whose cheapest path starts with one
  for (const row of workloads.filter((w) => w.kind === "DaemonSet")) {
    const w = await presentWorkload(row);
    const step = w.reachable.flatMap((r) => r.path.slice(0, 1)).find((s) => /^(CE_|EXPLOIT_HOST_)/.test(s.edge));
    if (!step) continue;
    await insertAcceptedRisk(
      actor,
      {
        cluster: DEMO_CLUSTER,
        workloadId: row.stableId,
        workloadKey: row.key,
        edge: stableEdgeRef(step, row.pods),
        ownerId: manager.id,
        reason: "Node agent: needs the host by design. Replaced by the eBPF collector in the next platform release.",
        expiresAt: new Date(now.getTime() + 6 * DAY),
      },
      null,
    );
    accepted++;
    break;
  }

  // an acceptance that ran out: the lowest-scoring workload that reaches anything
  const low = [...workloads].reverse().find((w) => w.score > 0 && w.kind !== "DaemonSet");
  if (low) {
    await insertAcceptedRisk(
      actor,
      {
        cluster: DEMO_CLUSTER,
        workloadId: low.stableId,
        workloadKey: low.key,
        edge: null,
        ownerId: manager.id,
        reason: "Legacy batch workload, to be decommissioned after the quarter close.",
        expiresAt: new Date(now.getTime() - 2 * DAY),
      },
      null,
    );
    accepted++;
  }
  await sweepExpiredRisks();
  return accepted;
}
