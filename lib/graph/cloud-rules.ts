// Cloud identity edges (DESIGN.md "The attack graph"): service accounts federated to cloud roles,
// node instance roles behind the metadata service, and the data stores each cloud role can use.
import type { TInventory } from "../inventory/types";
import type { GraphBuilder } from "./graph-store";
import { vid } from "./ids";
import type { TAccount } from "./rbac-rules";

// EKS IRSA, GKE Workload Identity and Azure Workload Identity annotate the ServiceAccount.
export const WORKLOAD_IDENTITY_ANNOTATIONS = ["eks.amazonaws.com/role-arn", "iam.gke.io/gcp-service-account", "azure.workload.identity/client-id"];

export function addCloudEdges(b: GraphBuilder, inv: TInventory, nodes: string[]): void {
  // DESIGN.md WORKLOAD_IDENTITY: an annotated ServiceAccount exchanges its token for the cloud role.
  for (const sa of inv.serviceAccounts) {
    const account: TAccount = { namespace: sa.metadata.namespace ?? "default", name: sa.metadata.name };
    for (const key of WORKLOAD_IDENTITY_ANNOTATIONS) {
      const role = sa.metadata.annotations?.[key]?.trim();
      if (role) b.edge("WORKLOAD_IDENTITY", vid.serviceAccount(account.namespace, account.name), vid.cloudRole(role));
    }
  }
  // DESIGN.md NODE_ROLE: a CloudRole document's spec.nodes covers the node ("*" for all).
  for (const role of inv.cloudRoles) {
    const all = role.nodes.includes("*");
    for (const node of nodes) if (all || role.nodes.includes(node)) b.edge("NODE_ROLE", vid.metadataService(node), vid.cloudRole(role.name));
  }
  // DESIGN.md CLOUD_ACCESS: the asset catalog names the cloud roles that can use the asset.
  for (const asset of inv.sensitiveAssets) {
    for (const role of asset.cloudRoles) b.edge("CLOUD_ACCESS", vid.cloudRole(role), vid.sensitiveAsset(asset.name));
  }
}
