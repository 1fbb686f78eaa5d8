// The attack graph's public types: vertex and edge kinds, the graph itself, and the blast
// radius results the CLI, the API and the UI share (DESIGN.md "The attack graph").
import type { TAssetType, TSensitivity } from "../inventory/types";

export const VERTEX_KINDS = [
  "Container",
  "Pod",
  "Node",
  "Volume",
  "Endpoint",
  "ServiceAccount",
  "User",
  "Group",
  "PermissionSet",
  "Secret",
  "Service",
  "CloudRole",
  "SensitiveAsset",
  "ControlPlane",
  "MetadataService",
] as const;
export type TVertexKind = (typeof VERTEX_KINDS)[number];

export const EDGE_KINDS = [
  // KubeHound's catalog
  "CE_MODULE_LOAD",
  "CE_NSENTER",
  "CE_PRIV_MOUNT",
  "CE_SYS_PTRACE",
  "CE_UMH_CORE_PATTERN",
  "CE_VAR_LOG_SYMLINK",
  "CONTAINER_ATTACH",
  "ENDPOINT_EXPLOIT",
  "EXPLOIT_CONTAINERD_SOCK",
  "EXPLOIT_HOST_READ",
  "EXPLOIT_HOST_TRAVERSE",
  "EXPLOIT_HOST_WRITE",
  "IDENTITY_ASSUME",
  "IDENTITY_IMPERSONATE",
  "PERMISSION_DISCOVER",
  "POD_ATTACH",
  "POD_CREATE",
  "POD_EXEC",
  "POD_PATCH",
  "ROLE_BIND",
  "SHARE_PS_NAMESPACE",
  "TOKEN_BRUTEFORCE",
  "TOKEN_LIST",
  "TOKEN_STEAL",
  "VOLUME_ACCESS",
  "VOLUME_DISCOVER",
  // Blast Radius additions
  "SECRET_READ",
  "SECRET_MOUNT",
  "CLUSTER_ADMIN",
  "WORKLOAD_IDENTITY",
  "IMDS_ACCESS",
  "NODE_ROLE",
  "CLOUD_ACCESS",
  "NETWORK_REACH",
] as const;
export type TEdgeKind = (typeof EDGE_KINDS)[number];

export interface TEdgeInfo {
  kind: TEdgeKind;
  /** MITRE ATT&CK technique id, e.g. "T1611" */
  mitre: string;
  /** price of one step (DESIGN.md "Costs") */
  cost: number;
  /** one line: what an attacker does with it */
  explanation: string;
  /** the change that removes it */
  remediation: string;
}

export interface TGraphEdge {
  from: string;
  edge: TEdgeKind;
  to: string;
}

export interface TAssetInfo {
  type: TAssetType | "secret" | "node" | "control-plane" | "service";
  sensitivity: TSensitivity;
}

export interface TPathStep {
  from: string;
  edge: TEdgeKind;
  to: string;
}

export interface TReachableAsset {
  asset: string;
  type: string;
  sensitivity: TSensitivity;
  cost: number;
  path: TPathStep[];
}

export interface TTierBreakdown {
  tier: TSensitivity;
  /** assets of this tier reachable */
  count: number;
  /** cheapest cost to any of them (null when none) */
  nearestCost: number | null;
  /** 1 − Π(1 − p) over the tier's assets */
  chance: number;
  /** weight × chance: this tier's part of the score */
  contribution: number;
}

export interface TWorkloadRadius {
  /** `<Kind>/<ns>/<name>` of the top controller, or `Pod/<ns>/<name>` */
  workload: string;
  kind: string;
  namespace: string;
  name: string;
  /** pod identifiers, sorted */
  pods: string[];
  /** team name from Team documents, or null when unowned */
  team: string | null;
  /** 0 … 143, rounded to 2 decimals */
  score: number;
  breakdown: TTierBreakdown[];
  /** every reachable asset, cheapest first (then by sensitivity, then id) */
  reachable: TReachableAsset[];
}

// ---- the built graph (added by the graph engine) ----

/** One pod of the graph (synthesized ones stand for controllers that have no pod in the inventory). */
export interface TPodInfo {
  /** `Pod/<ns>/<name>` */
  id: string;
  namespace: string;
  name: string;
  /** node name, or "unscheduled" */
  node: string;
  /** workload identifier (`<Kind>/<ns>/<name>`) */
  workload: string;
  /** true when built from a controller's pod template */
  synthesized: boolean;
  /** `Container/<ns>/<pod>/<c>` identifiers, spec order (init containers after containers) */
  containers: string[];
  labels: Record<string, string>;
}

/** A workload: the top controller found through ownerReferences, or a pod without owner. */
export interface TWorkloadInfo {
  id: string;
  kind: string;
  namespace: string;
  name: string;
  /** the controller's labels over its first pod's labels: what team selectors match */
  labels: Record<string, string>;
  /** pod identifiers, sorted */
  pods: string[];
}

/** What the search needs beyond the CSR: edges that fan out to every node or every pod. */
export interface TGraphFanOut {
  /** per vertex: bit 1 = POD_CREATE to every node, 2 = POD_EXEC to every pod, 4 = POD_PATCH to every pod */
  flags: Uint8Array;
  /** the vertices POD_CREATE reaches (every node), sorted */
  nodes: Int32Array;
  /** every pod vertex, sorted */
  pods: Int32Array;
}

export interface TAttackGraph {
  readonly cluster: string;
  readonly vertexCount: number;
  readonly edgeCount: number;
  /** identifier of vertex i; vertex indices follow identifier order */
  id(i: number): string;
  /** index of an identifier, -1 when absent */
  index(id: string): number;
  kind(i: number): TVertexKind;
  /** asset info, null for hops */
  asset(i: number): TAssetInfo | null;
  /** every edge, ordered by source identifier, then target identifier, then edge kind */
  edges(): Iterable<TGraphEdge>;
  /** CSR: the out-edges of i are positions offsets[i] … offsets[i + 1] − 1 of targets and edgeKinds */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** index into EDGE_KINDS */
  readonly edgeKinds: Uint8Array;
  /** index into VERTEX_KINDS */
  readonly vertexKinds: Uint8Array;
  readonly fanOut: TGraphFanOut;
  /** sorted by identifier */
  readonly pods: readonly TPodInfo[];
  /** sorted by identifier */
  readonly workloads: readonly TWorkloadInfo[];
  pod(podId: string): TPodInfo | undefined;
  workload(workloadId: string): TWorkloadInfo | undefined;
  /**
   * Per namespace, where a pod the inventory does not show would start (DESIGN.md "Pods newer than
   * the snapshot": scored from the namespace's default service account and policies): the default
   * service account's vertex when its token would be mounted, and the network targets a pod
   * without labels may connect to. Empty for graphs not built from an inventory.
   */
  readonly newPodSources: ReadonlyMap<string, TNewPodSources>;
}

export interface TNewPodSources {
  /** `ServiceAccount/<ns>/default`, or null when that account does not mount its token */
  identity: string | null;
  /** NETWORK_REACH targets */
  network: string[];
}
