// The API shape of a workload's ownership (GET /api/v1/ownership).
import type { TOwnershipRow } from "../db/ownership";
import type { TSensitivity } from "../inventory/types";

export function presentOwnershipRow(r: TOwnershipRow) {
  return {
    /** the workload's stable id: its page is /workloads/{id} */
    id: r.stableId,
    cluster: r.cluster,
    workload: r.key,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    team: r.team,
    /** how the owner was decided; null when unowned */
    source: r.teamSource,
    /** what the inventory's Team documents say, whatever a rule decided */
    inventoryTeam: r.inventoryTeam,
    /** the manager's rule that decided, if one did */
    ruleId: r.ruleId,
    score: r.score,
    reachableCounts: r.tierCounts as Record<TSensitivity, number>,
  };
}

/** How an owner was decided, as people say it. */
export const TEAM_SOURCE_LABELS: Record<string, string> = {
  team_namespace: "Team document (namespace)",
  team_selector: "Team document (label selector)",
  namespace_rule: "Namespace rule",
  workload_rule: "Workload rule",
  none: "Nobody",
};
