// Typed records of a cluster inventory: the Kubernetes objects DESIGN.md "Inputs" lists, as
// `kubectl get -o json` prints them (only the fields the product reads are typed), plus the
// product's own documents (SensitiveAsset, CloudRole, Team). Secrets carry metadata only.

export type TLabels = Record<string, string>;

export interface TOwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface TObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: TLabels;
  annotations?: TLabels;
  ownerReferences?: TOwnerReference[];
}

/** Any Kubernetes object: `spec` and the rest stay as Kubernetes wrote them. */
export interface TK8sObject {
  apiVersion?: string;
  kind: string;
  metadata: TObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export type TSensitivity = "critical" | "high" | "medium" | "low";
export const SENSITIVITIES: readonly TSensitivity[] = ["critical", "high", "medium", "low"];

export type TAssetType = "bucket" | "database" | "secret-store" | "kms" | "queue" | "api" | "other";

export interface TSensitiveAsset {
  name: string;
  type: TAssetType;
  sensitivity: TSensitivity;
  /** CloudRole ids (ARN or name) that can use it */
  cloudRoles: string[];
  /** "ns/service:port" (port optional) that reach it by network */
  services: string[];
}

export interface TCloudRoleDoc {
  /** ARN or name */
  name: string;
  /** node names covered by this instance role; "*" for all */
  nodes: string[];
}

export interface TTeamDoc {
  name: string;
  namespaces: string[];
  /** label selectors "key=value" matched against workload or pod labels */
  selectors: string[];
}

/** Kinds the inventory keeps, each in its own list. */
export const WORKLOAD_CONTROLLER_KINDS = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController"] as const;

export interface TInventory {
  /** documents accepted (every known kind) */
  objects: number;
  /** unknown kinds, counted and skipped: kind → count */
  skipped: Record<string, number>;
  namespaces: TK8sObject[];
  nodes: TK8sObject[];
  pods: TK8sObject[];
  /** Deployment / ReplicaSet / StatefulSet / DaemonSet / Job / CronJob / ReplicationController */
  controllers: TK8sObject[];
  serviceAccounts: TK8sObject[];
  roles: TK8sObject[];
  clusterRoles: TK8sObject[];
  roleBindings: TK8sObject[];
  clusterRoleBindings: TK8sObject[];
  /** metadata and `type` only: `data` and `stringData` are dropped by the parser */
  secrets: TK8sObject[];
  services: TK8sObject[];
  endpoints: TK8sObject[];
  endpointSlices: TK8sObject[];
  networkPolicies: TK8sObject[];
  sensitiveAssets: TSensitiveAsset[];
  cloudRoles: TCloudRoleDoc[];
  teams: TTeamDoc[];
  /**
   * Every accepted document as stored (Secrets redacted, metadata normalized) by its identity
   * `kind \0 namespace \0 name`: what a live inventory applies changes to (lib/inventory/live-changes.ts).
   */
  documents: Map<string, Record<string, unknown>>;
}

export interface TInventorySource {
  /** file name (CLI) or "body" (API): named in errors */
  name: string;
  text: string;
  /** "json" | "yaml"; guessed from the text when absent */
  format?: "json" | "yaml";
}

/** A bad document: names the source, the document index (0-based) and the field. */
export class InventoryError extends Error {
  constructor(
    readonly source: string,
    readonly documentIndex: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${source}: document ${documentIndex}: ${field}: ${reason}`);
  }
}
