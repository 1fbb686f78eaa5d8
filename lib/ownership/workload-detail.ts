// One workload as its page shows it: its blast radius (lib/snapshots/present-workload.ts) and the
// risks a manager accepted on it or on edges of its graph, still active.
import { activeRisksOfWorkload } from "../db/accepted-risks";
import type { TWorkloadRow } from "../db/workloads";
import { presentWorkload } from "../snapshots/present-workload";
import { presentAcceptedRisk } from "./accepted-risks";

export async function workloadDetail(row: TWorkloadRow) {
  const [workload, risks] = await Promise.all([presentWorkload(row), activeRisksOfWorkload(row.cluster, row.key)]);
  return { ...workload, acceptedRisks: risks.map(presentAcceptedRisk) };
}
