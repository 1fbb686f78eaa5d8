// A realistic synthetic cluster as `kubectl get -o json` List text: node agents as DaemonSets,
// Deployments → ReplicaSets → pods at ~30 pods per node, RBAC with a few dangerous grants, Secrets,
// asset Services, NetworkPolicies and the product's asset catalog. Deterministic for a seed.
import { kubeSystem, placementOf, type TGen } from "./cluster-parts";

export interface TClusterSpec {
  pods: number;
  seed?: number;
  podsPerNode?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEAMS = ["payments", "checkout", "search", "identity", "data", "platform", "growth", "mobile"];

/** Generates the cluster; `items.length` objects, of which `spec.pods` are Pods (± a few). */
export function generateCluster(spec: TClusterSpec): { text: string; objects: number; pods: number } {
  const random = mulberry32(spec.seed ?? 42);
  const perNode = spec.podsPerNode ?? 30;
  const nodes = Math.max(2, Math.ceil(spec.pods / perNode));
  const items: object[] = [];
  const base: Omit<TGen, "placePod"> = {
    random,
    items,
    nodes: Array.from({ length: nodes }, (_, i) => `ip-10-0-${Math.floor(i / 250)}-${i % 250}.ec2.internal`),
    podCount: 0,
    pick: <T>(list: readonly T[]) => list[Math.floor(random() * list.length)],
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join(""),
  };
  const gen: TGen = { ...base, placePod: () => undefined };
  gen.placePod = placementOf(gen);
  for (const name of gen.nodes) items.push({ apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } } });
  kubeSystem(gen);
  const appPods = Math.max(0, spec.pods - gen.podCount);
  const namespaces = Math.max(3, Math.round(appPods / 250));
  for (let n = 0; n < namespaces; n++) {
    const remaining = spec.pods - gen.podCount;
    const budget = n === namespaces - 1 ? remaining : Math.round(remaining / (namespaces - n));
    appNamespace(gen, `app-${n}`, TEAMS[n % TEAMS.length], budget, n);
  }
  catalog(gen, namespaces);
  return { text: JSON.stringify({ apiVersion: "v1", kind: "List", items }), objects: items.length, pods: gen.podCount };
}

function appNamespace(gen: TGen, ns: string, team: string, budget: number, n: number): void {
  const { items, random } = gen;
  items.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { team } } });
  const ci = n % 10 === 3;
  const hardened = n % 2 === 0;
  // Namespace RBAC: a reader Role for apps, and in some namespaces a CI account bound to "edit".
  items.push({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "app-reader", namespace: ns }, rules: [
    { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
    { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["db-credentials"] },
  ] });
  const readers: object[] = [];
  items.push({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "app-reader", namespace: ns }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "app-reader" }, subjects: readers });
  if (ci) {
    items.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "ci-runner", namespace: ns } });
    items.push({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "ci-edit", namespace: ns }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" }, subjects: [{ kind: "ServiceAccount", name: "ci-runner", namespace: ns }] });
  }
  const secret = (name: string, extra: object = {}) => items.push({ apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name, namespace: ns, ...extra } });
  secret("db-credentials", { labels: { "blastradius.dev/sensitivity": n % 5 === 0 ? "critical" : "high" } });
  secret("tls-cert");
  // The namespace's database: a StatefulSet behind an asset Service.
  let used = statefulDatabase(gen, ns, n);
  if (hardened) {
    items.push({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: ns }, spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] } });
    items.push({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "no-imds", namespace: ns }, spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] }] } });
  }
  let d = 0;
  while (used < budget) {
    const replicas = Math.min(budget - used, 2 + Math.floor(random() * 5));
    const app = ci && d === 0 ? "ci-runner" : `svc-${d}`;
    const sa = ci && d === 0 ? "ci-runner" : random() < 0.7 ? app : "default";
    if (sa === app && app !== "ci-runner") {
      const irsa = random() < 0.1 ? { annotations: { "eks.amazonaws.com/role-arn": `arn:aws:iam::111122223333:role/${team}-${app}` } } : {};
      items.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: sa, namespace: ns, ...irsa } });
      if (random() < 0.3) readers.push({ kind: "ServiceAccount", name: sa, namespace: ns });
      if (random() < 0.2) items.push({ apiVersion: "v1", kind: "Secret", type: "kubernetes.io/service-account-token", metadata: { name: `${sa}-token-${gen.hex(5)}`, namespace: ns, annotations: { "kubernetes.io/service-account.name": sa } } });
    }
    secret(`sh.helm.release.v1.${app}.v1`, { labels: { owner: "helm" } });
    const risky = random();
    const container = {
      name: app,
      image: `registry.example.com/${team}/${app}:1.0`,
      ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
      ...(risky < 0.02 ? { securityContext: { privileged: true } } : {}),
      ...(random() < 0.4 ? { env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } }] } : {}),
    };
    const hostMount = risky > 0.99 ? { name: "docker-sock", hostPath: { path: "/var/run/docker.sock" } } : null;
    deployment(gen, ns, app, sa, replicas, [container, ...(random() < 0.3 ? [{ name: "envoy", image: "envoyproxy/envoy:v1.30", ports: [{ name: "admin", containerPort: 9901 }] }] : [])], hostMount);
    items.push({ apiVersion: "v1", kind: "Service", metadata: { name: app, namespace: ns }, spec: { selector: { app }, ports: [{ name: "http", port: 80, targetPort: "http" }] } });
    used += replicas;
    d++;
  }
}

function statefulDatabase(gen: TGen, ns: string, n: number): number {
  const { items } = gen;
  items.push({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "postgres", namespace: ns } });
  items.push({ apiVersion: "v1", kind: "Service", metadata: { name: "postgres", namespace: ns, annotations: { "blastradius.dev/sensitivity": n % 5 === 0 ? "critical" : "high", "blastradius.dev/asset-type": "database" } }, spec: { selector: { app: "postgres" }, ports: [{ name: "pg", port: 5432, targetPort: 5432 }] } });
  const set = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "postgres", namespace: ns, uid: gen.hex(32) }, spec: { template: { metadata: { labels: { app: "postgres" } }, spec: {} } } };
  items.push(set);
  gen.placePod({
    ns,
    name: "postgres-0",
    sa: "postgres",
    labels: { app: "postgres", "statefulset.kubernetes.io/pod-name": "postgres-0" },
    containers: [{ name: "postgres", image: "postgres:16", ports: [{ containerPort: 5432, name: "pg" }] }],
    owner: { kind: "StatefulSet", name: "postgres" },
  });
  return 1;
}

function deployment(gen: TGen, ns: string, app: string, sa: string, replicas: number, containers: object[], hostMount: { name: string } | null): void {
  const hash = gen.hex(10);
  const rs = `${app}-${hash}`;
  const labels = { app, "pod-template-hash": hash };
  const template = { metadata: { labels: { app } }, spec: { serviceAccountName: sa, containers } };
  gen.items.push({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: app, namespace: ns, labels: { app } }, spec: { replicas, template } });
  gen.items.push({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: rs, namespace: ns, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: app, controller: true }] }, spec: { replicas, template } });
  const mounted = hostMount ? containers.map((c, i) => (i === 0 ? { ...c, volumeMounts: [{ name: hostMount.name, mountPath: "/var/run/docker.sock" }] } : c)) : containers;
  for (let r = 0; r < replicas; r++) {
    gen.placePod({ ns, name: `${rs}-${gen.hex(5)}`, sa, labels, containers: mounted, owner: { kind: "ReplicaSet", name: rs }, ...(hostMount ? { volumes: [hostMount] } : {}) });
  }
}

// The product's documents: the node instance role, per-team buckets reached through IRSA roles, teams.
function catalog(gen: TGen, namespaces: number): void {
  const { items } = gen;
  const api = "blastradius.dev/v1alpha1";
  items.push({ apiVersion: api, kind: "CloudRole", metadata: { name: "arn:aws:iam::111122223333:role/eks-node" }, spec: { nodes: ["*"] } });
  items.push({ apiVersion: api, kind: "SensitiveAsset", metadata: { name: "ecr-images" }, spec: { type: "bucket", sensitivity: "low", reachableVia: { cloudRoles: ["arn:aws:iam::111122223333:role/eks-node"] } } });
  TEAMS.forEach((team, t) => {
    const roles = Array.from({ length: 8 }, (_, d) => `arn:aws:iam::111122223333:role/${team}-svc-${d}`);
    items.push({ apiVersion: api, kind: "SensitiveAsset", metadata: { name: `${team}-exports` }, spec: { type: "bucket", sensitivity: t % 3 === 0 ? "critical" : "high", reachableVia: { cloudRoles: roles } } });
    items.push({ apiVersion: api, kind: "Team", metadata: { name: team }, spec: { namespaces: Array.from({ length: namespaces }, (_, n) => `app-${n}`).filter((_, n) => n % TEAMS.length === t), selectors: [`team=${team}`] } });
  });
  items.push({ apiVersion: api, kind: "SensitiveAsset", metadata: { name: "payments-ledger" }, spec: { type: "database", sensitivity: "critical", reachableVia: { services: ["app-0/postgres:5432"] } } });
}
