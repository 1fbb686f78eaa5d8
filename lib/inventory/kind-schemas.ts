// The minimum each Kubernetes kind must hold for the attack graph to trust it, as zod schemas.
// Only what the graph reads is checked; everything else stays as Kubernetes wrote it.
import { z } from "zod";
import { parseCidr } from "./ip-cidr";

// `foo:` in YAML is null; kubectl turns a null label value into "".
const ZStringMap = z.record(z.string(), z.string().nullable());

export const ZObjectMeta = z.object({
  name: z.string().min(1),
  namespace: z.string().nullish(),
  labels: ZStringMap.nullish(),
  annotations: ZStringMap.nullish(),
  ownerReferences: z.array(z.object({ kind: z.string().min(1), name: z.string().min(1), controller: z.boolean().nullish() })).nullish(),
});

const ZStrings = z.array(z.string()).nullish();

export const ZLabelSelector = z.object({
  matchLabels: ZStringMap.nullish(),
  matchExpressions: z
    .array(z.object({ key: z.string().min(1), operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]), values: ZStrings }))
    .nullish(),
});

const ZProtocol = z.enum(["TCP", "UDP", "SCTP"]);

const ZName = z.object({ name: z.string().nullish() });
const ZAppArmorProfile = z.object({ type: z.string() });

// A container as the graph reads it (lib/graph/pod-facts.ts): its privileges, mounts, the Secrets its
// environment reads, its ports. Only these fields are checked; the rest stays as Kubernetes wrote it.
const ZContainer = z.object({
  name: z.string().min(1),
  ports: z.array(z.object({ containerPort: z.number().int(), name: z.string().nullish(), protocol: ZProtocol.nullish() })).nullish(),
  securityContext: z
    .object({
      privileged: z.boolean().nullish(),
      allowPrivilegeEscalation: z.boolean().nullish(),
      runAsNonRoot: z.boolean().nullish(),
      runAsUser: z.number().int().nullish(),
      capabilities: z.object({ add: ZStrings }).nullish(),
      appArmorProfile: ZAppArmorProfile.nullish(),
    })
    .nullish(),
  env: z.array(z.object({ valueFrom: z.object({ secretKeyRef: ZName.nullish() }).nullish() })).nullish(),
  envFrom: z.array(z.object({ secretRef: ZName.nullish() })).nullish(),
  volumeMounts: z.array(z.object({ name: z.string().min(1), readOnly: z.boolean().nullish() })).nullish(),
});

// A volume as the graph reads it: a host path, a projected service account token, the Secrets it carries.
const ZVolume = z.object({
  name: z.string().min(1),
  hostPath: z.object({ path: z.string() }).nullish(),
  secret: z.object({ secretName: z.string().nullish() }).nullish(),
  projected: z
    .object({ sources: z.array(z.object({ serviceAccountToken: z.object({}).nullish(), secret: ZName.nullish() }).nullish()).nullish() })
    .nullish(),
});

// The booleans that open host escapes are checked strictly: a "true" string would silently hide one.
const ZPodSpec = z.object({
  containers: z.array(ZContainer).nullish(),
  initContainers: z.array(ZContainer).nullish(),
  ephemeralContainers: z.array(ZContainer).nullish(),
  nodeName: z.string().nullish(),
  serviceAccountName: z.string().nullish(),
  serviceAccount: z.string().nullish(),
  automountServiceAccountToken: z.boolean().nullish(),
  hostNetwork: z.boolean().nullish(),
  hostPID: z.boolean().nullish(),
  hostIPC: z.boolean().nullish(),
  shareProcessNamespace: z.boolean().nullish(),
  securityContext: z.object({ runAsUser: z.number().int().nullish(), runAsNonRoot: z.boolean().nullish(), appArmorProfile: ZAppArmorProfile.nullish() }).nullish(),
  volumes: z.array(ZVolume).nullish(),
});

const ZPodTemplate = z.object({ metadata: z.object({ labels: ZStringMap.nullish() }).nullish(), spec: ZPodSpec.nullish() });

const ZPolicyRule = z.object({
  apiGroups: ZStrings,
  resources: ZStrings,
  verbs: ZStrings,
  resourceNames: ZStrings,
  nonResourceURLs: ZStrings,
});

const ZBinding = z.object({
  roleRef: z.object({ kind: z.enum(["Role", "ClusterRole"]), name: z.string().min(1) }),
  subjects: z
    .array(z.object({ kind: z.enum(["ServiceAccount", "User", "Group"]), name: z.string().min(1), namespace: z.string().nullish() }))
    .nullish(),
});

// The API server refuses a policy with a malformed CIDR, so such a policy cannot be in a cluster.
const ZCidr = z.string().refine((cidr) => parseCidr(cidr) !== null, 'expected a CIDR such as "10.0.0.0/8"');

const ZNetworkPolicyPeer = z.object({
  podSelector: ZLabelSelector.nullish(),
  namespaceSelector: ZLabelSelector.nullish(),
  ipBlock: z.object({ cidr: ZCidr, except: z.array(ZCidr).nullish() }).nullish(),
});

const ZNetworkPolicyPort = z.object({
  protocol: ZProtocol.nullish(),
  port: z.union([z.number().int(), z.string().min(1)]).nullish(),
  endPort: z.number().int().nullish(),
});

const ZNetworkPolicySpec = z.object({
  podSelector: ZLabelSelector.nullish(),
  policyTypes: z.array(z.enum(["Ingress", "Egress"])).nullish(),
  ingress: z.array(z.object({ from: z.array(ZNetworkPolicyPeer).nullish(), ports: z.array(ZNetworkPolicyPort).nullish() })).nullish(),
  egress: z.array(z.object({ to: z.array(ZNetworkPolicyPeer).nullish(), ports: z.array(ZNetworkPolicyPort).nullish() })).nullish(),
});

const ZService = z.object({
  spec: z
    .object({
      selector: ZStringMap.nullish(),
      ports: z.array(z.object({ port: z.number().int(), name: z.string().nullish(), targetPort: z.union([z.number().int(), z.string()]).nullish() })).nullish(),
    })
    .nullish(),
});

const withSpec = (spec: z.ZodType) => z.object({ spec: spec.nullish() });
const ZPod = z.object({ spec: ZPodSpec.nullish(), status: z.object({ podIP: z.string().nullish() }).nullish() });

/** A pod's fields as the graph reads them (checked by ZPod when the inventory is parsed). */
export type TPodSpec = z.infer<typeof ZPodSpec>;
export type TContainerSpec = z.infer<typeof ZContainer>;
export type TVolumeSpec = z.infer<typeof ZVolume>;
export type TPodStatus = NonNullable<z.infer<typeof ZPod>["status"]>;
const ZNothingMore = z.object({});

/** Kinds the inventory keeps: where each goes, whether it lives in a namespace, what it must hold beyond metadata. */
export const KUBERNETES_KINDS = {
  Namespace: { list: "namespaces", namespaced: false, schema: ZNothingMore },
  Node: { list: "nodes", namespaced: false, schema: ZNothingMore },
  Pod: { list: "pods", namespaced: true, schema: ZPod },
  Deployment: { list: "controllers", namespaced: true, schema: withSpec(z.object({ template: ZPodTemplate.nullish() })) },
  ReplicaSet: { list: "controllers", namespaced: true, schema: withSpec(z.object({ template: ZPodTemplate.nullish() })) },
  StatefulSet: { list: "controllers", namespaced: true, schema: withSpec(z.object({ template: ZPodTemplate.nullish() })) },
  DaemonSet: { list: "controllers", namespaced: true, schema: withSpec(z.object({ template: ZPodTemplate.nullish() })) },
  Job: { list: "controllers", namespaced: true, schema: withSpec(z.object({ template: ZPodTemplate.nullish() })) },
  ReplicationController: { list: "controllers", namespaced: true, schema: withSpec(z.object({ template: ZPodTemplate.nullish() })) },
  CronJob: {
    list: "controllers",
    namespaced: true,
    schema: withSpec(z.object({ jobTemplate: z.object({ spec: z.object({ template: ZPodTemplate.nullish() }).nullish() }).nullish() })),
  },
  ServiceAccount: { list: "serviceAccounts", namespaced: true, schema: z.object({ automountServiceAccountToken: z.boolean().nullish() }) },
  Role: { list: "roles", namespaced: true, schema: z.object({ rules: z.array(ZPolicyRule).nullish() }) },
  ClusterRole: {
    list: "clusterRoles",
    namespaced: false,
    schema: z.object({ rules: z.array(ZPolicyRule).nullish(), aggregationRule: z.object({ clusterRoleSelectors: z.array(ZLabelSelector).nullish() }).nullish() }),
  },
  RoleBinding: { list: "roleBindings", namespaced: true, schema: ZBinding },
  ClusterRoleBinding: { list: "clusterRoleBindings", namespaced: false, schema: ZBinding },
  Secret: { list: "secrets", namespaced: true, schema: z.object({ type: z.string().nullish() }) },
  Service: { list: "services", namespaced: true, schema: ZService },
  Endpoints: { list: "endpoints", namespaced: true, schema: ZNothingMore },
  EndpointSlice: { list: "endpointSlices", namespaced: true, schema: ZNothingMore },
  NetworkPolicy: { list: "networkPolicies", namespaced: true, schema: withSpec(ZNetworkPolicySpec) },
} as const satisfies Record<string, { list: string; namespaced: boolean; schema: z.ZodType }>;

export type TKubernetesKind = keyof typeof KUBERNETES_KINDS;

export function isKubernetesKind(kind: string): kind is TKubernetesKind {
  return Object.hasOwn(KUBERNETES_KINDS, kind);
}
