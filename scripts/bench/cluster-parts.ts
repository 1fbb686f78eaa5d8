// Pieces of the synthetic cluster: pod placement (kubelet-style token volumes, nodeName, pod IP)
// and kube-system as a managed cluster ships it: node agents, cluster-wide RBAC, operators.

export interface TPlacement {
  ns: string;
  name: string;
  sa: string;
  labels: Record<string, string>;
  /** with their own volumeMounts; the token mount is added */
  containers: object[];
  owner: { kind: string; name: string };
  node?: string;
  volumes?: object[];
  hostPID?: boolean;
  hostNetwork?: boolean;
}

export interface TGen {
  random: () => number;
  items: object[];
  nodes: string[];
  podCount: number;
  pick: <T>(list: readonly T[]) => T;
  hex: (n: number) => string;
  placePod(p: TPlacement): void;
}

const RBAC = "rbac.authorization.k8s.io";

/** Pods as the API server returns them: the projected token volume kubelet mounts, nodeName, podIP. */
export function placementOf(gen: Omit<TGen, "placePod">): TGen["placePod"] {
  let cursor = 0;
  return (p) => {
    const token = `kube-api-access-${gen.hex(5)}`;
    const tokenMount = { name: token, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true };
    gen.items.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: p.name, namespace: p.ns, labels: p.labels, ownerReferences: [{ apiVersion: "apps/v1", kind: p.owner.kind, name: p.owner.name, controller: true }] },
      spec: {
        serviceAccountName: p.sa,
        nodeName: p.node ?? gen.nodes[cursor++ % gen.nodes.length],
        ...(p.hostPID ? { hostPID: true } : {}),
        ...(p.hostNetwork ? { hostNetwork: true } : {}),
        containers: p.containers.map((c) => ({ ...c, volumeMounts: [...((c as { volumeMounts?: object[] }).volumeMounts ?? []), tokenMount] })),
        volumes: [
          { name: token, projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: "token" } }, { configMap: { name: "kube-root-ca.crt" } }] } },
          ...(p.volumes ?? []),
        ],
      },
      status: { phase: "Running", podIP: `10.1.${Math.floor(gen.podCount / 250) % 250}.${gen.podCount % 250}` },
    });
    gen.podCount++;
  };
}

const clusterRole = (name: string, rules: object[]) => ({ apiVersion: `${RBAC}/v1`, kind: "ClusterRole", metadata: { name }, rules });
const clusterBinding = (name: string, role: string, subjects: object[]) => ({
  apiVersion: `${RBAC}/v1`,
  kind: "ClusterRoleBinding",
  metadata: { name },
  roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: role },
  subjects,
});
const sa = (ns: string, name: string) => ({ kind: "ServiceAccount", name, namespace: ns });

function daemonSet(gen: TGen, ns: string, name: string, account: string, container: object, podSpec: { volumes?: object[]; hostPID?: boolean; hostNetwork?: boolean }): void {
  gen.items.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: account, namespace: ns } });
  gen.items.push({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name, namespace: ns, labels: { app: name } }, spec: { template: { metadata: { labels: { app: name } }, spec: { ...podSpec, containers: [container] } } } });
  for (const node of gen.nodes) {
    gen.placePod({ ns, name: `${name}-${gen.hex(5)}`, sa: account, labels: { app: name }, containers: [container], owner: { kind: "DaemonSet", name }, node, ...podSpec });
  }
}

function singleton(gen: TGen, ns: string, name: string, replicas: number, annotations: Record<string, string> = {}): void {
  gen.items.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: ns, annotations } });
  const hash = gen.hex(10);
  const container = { name, image: `registry.k8s.io/${name}:v1`, ports: [{ name: "metrics", containerPort: 8080 }] };
  gen.items.push({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: ns, labels: { app: name } }, spec: { replicas, template: { spec: { serviceAccountName: name, containers: [container] } } } });
  gen.items.push({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: `${name}-${hash}`, namespace: ns, ownerReferences: [{ kind: "Deployment", name, controller: true }] } });
  for (let r = 0; r < replicas; r++) {
    gen.placePod({ ns, name: `${name}-${hash}-${gen.hex(5)}`, sa: name, labels: { app: name, "pod-template-hash": hash }, containers: [container], owner: { kind: "ReplicaSet", name: `${name}-${hash}` } });
  }
}

export function kubeSystem(gen: TGen): void {
  const { items } = gen;
  for (const ns of ["kube-system", "monitoring", "logging", "argocd", "external-secrets"]) items.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  items.push(clusterRole("cluster-admin", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }, { nonResourceURLs: ["*"], verbs: ["*"] }]));
  items.push(
    clusterRole("edit", [
      { apiGroups: [""], resources: ["pods", "pods/exec", "pods/attach", "services", "configmaps", "secrets"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
      { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets"], verbs: ["get", "list", "watch", "create", "update", "patch", "delete"] },
    ]),
  );
  items.push(clusterRole("system:node-proxier", [{ apiGroups: ["", "discovery.k8s.io"], resources: ["endpoints", "services", "nodes", "endpointslices"], verbs: ["list", "watch", "get"] }]));
  items.push(clusterRole("aws-node", [{ apiGroups: [""], resources: ["pods", "namespaces", "nodes"], verbs: ["get", "list", "watch"] }]));
  items.push(clusterRole("fluent-bit", [{ apiGroups: [""], resources: ["pods", "namespaces"], verbs: ["get", "list", "watch"] }]));
  items.push(clusterRole("external-secrets", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch", "create", "update"] }]));
  items.push(clusterRole("system:basic-user", [{ apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews"], verbs: ["create"] }]));
  items.push(clusterRole("system:node", [{ apiGroups: [""], resources: ["nodes"], verbs: ["get", "list", "watch", "patch"] }, { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }]));
  items.push(clusterBinding("cluster-admin", "cluster-admin", [{ kind: "Group", name: "system:masters" }]));
  items.push(clusterBinding("argocd-application-controller", "cluster-admin", [sa("argocd", "argocd-application-controller")]));
  items.push(clusterBinding("system:node-proxier", "system:node-proxier", [sa("kube-system", "kube-proxy")]));
  items.push(clusterBinding("aws-node", "aws-node", [sa("kube-system", "aws-node")]));
  items.push(clusterBinding("fluent-bit", "fluent-bit", [sa("logging", "fluent-bit")]));
  items.push(clusterBinding("external-secrets", "external-secrets", [sa("external-secrets", "external-secrets")]));
  items.push(clusterBinding("system:basic-user", "system:basic-user", [{ kind: "Group", name: "system:authenticated" }]));
  items.push(clusterBinding("system:node", "system:node", [{ kind: "Group", name: "system:nodes" }]));

  const hostPath = (name: string, path: string) => ({ name, hostPath: { path } });
  daemonSet(gen, "kube-system", "kube-proxy", "kube-proxy", { name: "kube-proxy", image: "kube-proxy:v1.30", securityContext: { privileged: true }, volumeMounts: [{ name: "xtables-lock", mountPath: "/run/xtables.lock" }, { name: "lib-modules", mountPath: "/lib/modules", readOnly: true }] }, { hostNetwork: true, volumes: [hostPath("xtables-lock", "/run/xtables.lock"), hostPath("lib-modules", "/lib/modules")] });
  daemonSet(gen, "kube-system", "aws-node", "aws-node", { name: "aws-node", image: "amazon-k8s-cni:v1.18", securityContext: { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } }, volumeMounts: [{ name: "log-dir", mountPath: "/host/var/log/aws-routed-eni" }] }, { hostNetwork: true, volumes: [hostPath("log-dir", "/var/log/aws-routed-eni")] });
  daemonSet(gen, "logging", "fluent-bit", "fluent-bit", { name: "fluent-bit", image: "fluent-bit:3.0", volumeMounts: [{ name: "varlog", mountPath: "/var/log" }, { name: "containers", mountPath: "/var/lib/docker/containers", readOnly: true }] }, { volumes: [hostPath("varlog", "/var/log"), hostPath("containers", "/var/lib/docker/containers")] });
  daemonSet(gen, "monitoring", "node-exporter", "node-exporter", { name: "node-exporter", image: "node-exporter:v1.8", securityContext: { runAsNonRoot: true, runAsUser: 65534 }, volumeMounts: [{ name: "root", mountPath: "/host/root", readOnly: true }] }, { hostPID: true, hostNetwork: true, volumes: [hostPath("root", "/")] });

  singleton(gen, "kube-system", "coredns", 2);
  singleton(gen, "kube-system", "cluster-autoscaler", 1, { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/cluster-autoscaler" });
  singleton(gen, "argocd", "argocd-application-controller", 1);
  singleton(gen, "external-secrets", "external-secrets", 2, { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/external-secrets" });
  items.push({ apiVersion: "blastradius.dev/v1alpha1", kind: "SensitiveAsset", metadata: { name: "secrets-manager" }, spec: { type: "secret-store", sensitivity: "critical", reachableVia: { cloudRoles: ["arn:aws:iam::111122223333:role/external-secrets"] } } });
}
