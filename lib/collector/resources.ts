// What the collector lists from a live cluster: every kind DESIGN.md "Inputs" names, with
// its API path. Secrets are listed as metadata only, so their values never leave the cluster.

export interface TResource {
  kind: string;
  apiVersion: string;
  path: string;
  /** list as PartialObjectMetadataList: names, labels, annotations only */
  metadataOnly?: boolean;
}

export const RESOURCES: TResource[] = [
  { kind: "Namespace", apiVersion: "v1", path: "/api/v1/namespaces" },
  { kind: "Node", apiVersion: "v1", path: "/api/v1/nodes" },
  { kind: "Pod", apiVersion: "v1", path: "/api/v1/pods" },
  { kind: "ServiceAccount", apiVersion: "v1", path: "/api/v1/serviceaccounts" },
  { kind: "Secret", apiVersion: "v1", path: "/api/v1/secrets", metadataOnly: true },
  { kind: "Service", apiVersion: "v1", path: "/api/v1/services" },
  { kind: "Endpoints", apiVersion: "v1", path: "/api/v1/endpoints" },
  { kind: "ReplicationController", apiVersion: "v1", path: "/api/v1/replicationcontrollers" },
  { kind: "EndpointSlice", apiVersion: "discovery.k8s.io/v1", path: "/apis/discovery.k8s.io/v1/endpointslices" },
  { kind: "Deployment", apiVersion: "apps/v1", path: "/apis/apps/v1/deployments" },
  { kind: "ReplicaSet", apiVersion: "apps/v1", path: "/apis/apps/v1/replicasets" },
  { kind: "StatefulSet", apiVersion: "apps/v1", path: "/apis/apps/v1/statefulsets" },
  { kind: "DaemonSet", apiVersion: "apps/v1", path: "/apis/apps/v1/daemonsets" },
  { kind: "Job", apiVersion: "batch/v1", path: "/apis/batch/v1/jobs" },
  { kind: "CronJob", apiVersion: "batch/v1", path: "/apis/batch/v1/cronjobs" },
  { kind: "Role", apiVersion: "rbac.authorization.k8s.io/v1", path: "/apis/rbac.authorization.k8s.io/v1/roles" },
  { kind: "ClusterRole", apiVersion: "rbac.authorization.k8s.io/v1", path: "/apis/rbac.authorization.k8s.io/v1/clusterroles" },
  { kind: "RoleBinding", apiVersion: "rbac.authorization.k8s.io/v1", path: "/apis/rbac.authorization.k8s.io/v1/rolebindings" },
  {
    kind: "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    path: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
  },
  { kind: "NetworkPolicy", apiVersion: "networking.k8s.io/v1", path: "/apis/networking.k8s.io/v1/networkpolicies" },
];

export const METADATA_ONLY_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
export const SA_TOKEN_TYPE = "kubernetes.io/service-account-token";
