// Fixes (DESIGN.md "Contain and fix"): one change to one inventory object that removes edges of the
// attack graph. Each fix is data — what to change — and applies itself to an inventory as Kubernetes
// would see the change, so the what-if, the cheapest fix set and the YAML patch all read one truth.
import type { TInventory, TK8sObject } from "../inventory/types";

/** The permissions a narrowed role gives up, each the one an attack edge needs. */
export const ROLE_PERMISSIONS = ["read-secrets", "exec-pods", "patch-pods", "create-pods", "bind-roles", "impersonate"] as const;
export type TRolePermission = (typeof ROLE_PERMISSIONS)[number];

export type TFix =
  | { kind: "drop-privileged"; workload: string; container: string }
  | { kind: "drop-capability"; workload: string; container: string; capability: string }
  | { kind: "remove-host-pid"; workload: string }
  | { kind: "remove-host-path"; workload: string; volume: string }
  | { kind: "no-token"; workload: string }
  | { kind: "remove-secret-mount"; workload: string; container: string; secret: string }
  | { kind: "deny-egress"; workload: string }
  | { kind: "block-imds"; workload: string }
  | { kind: "narrow-role"; roleKind: "Role" | "ClusterRole"; namespace: string | null; role: string; permission: TRolePermission }
  | { kind: "delete-binding"; bindingKind: "RoleBinding" | "ClusterRoleBinding"; namespace: string | null; binding: string }
  | { kind: "remove-workload-identity"; namespace: string; serviceAccount: string; annotation: string };

export type TFixKind = TFix["kind"];

/** Fixes that change a workload's pod template (and every pod of it). */
export type TPodFix = Extract<TFix, { kind: "drop-privileged" | "drop-capability" | "remove-host-pid" | "remove-host-path" | "no-token" | "remove-secret-mount" }>;
const POD_FIX_KINDS = new Set<TFixKind>(["drop-privileged", "drop-capability", "remove-host-pid", "remove-host-path", "no-token", "remove-secret-mount"]);
export const isPodFix = (fix: TFix): fix is TPodFix => POD_FIX_KINDS.has(fix.kind);

/** Fixes that add a NetworkPolicy for a workload's pods. */
export type TPolicyFix = Extract<TFix, { kind: "deny-egress" | "block-imds" }>;
export const isPolicyFix = (fix: TFix): fix is TPolicyFix => fix.kind === "deny-egress" || fix.kind === "block-imds";

/** A stable key: the same fix found from two edges is one fix. */
export function fixId(fix: TFix): string {
  switch (fix.kind) {
    case "drop-privileged":
      return `${fix.kind}:${fix.workload}:${fix.container}`;
    case "drop-capability":
      return `${fix.kind}:${fix.workload}:${fix.container}:${fix.capability}`;
    case "remove-host-pid":
    case "no-token":
    case "deny-egress":
    case "block-imds":
      return `${fix.kind}:${fix.workload}`;
    case "remove-host-path":
      return `${fix.kind}:${fix.workload}:${fix.volume}`;
    case "remove-secret-mount":
      return `${fix.kind}:${fix.workload}:${fix.container}:${fix.secret}`;
    case "narrow-role":
      return `${fix.kind}:${fix.roleKind}/${fix.namespace ?? "*"}/${fix.role}:${fix.permission}`;
    case "delete-binding":
      return `${fix.kind}:${fix.bindingKind}/${fix.namespace ?? "*"}/${fix.binding}`;
    case "remove-workload-identity":
      return `${fix.kind}:${fix.namespace}/${fix.serviceAccount}:${fix.annotation}`;
  }
}

const PERMISSION_TEXT: Record<TRolePermission, string> = {
  "read-secrets": "get/list/watch on secrets",
  "exec-pods": "create on pods/exec",
  "patch-pods": "patch/update on pods",
  "create-pods": "create on pods",
  "bind-roles": "bind on roles/clusterroles",
  impersonate: "impersonate",
};

/** One line an engineer reads: what changes, where. */
export function fixTitle(fix: TFix): string {
  switch (fix.kind) {
    case "drop-privileged":
      return `Drop privileged: true from container "${fix.container}" of ${fix.workload}`;
    case "drop-capability":
      return `Drop capability ${fix.capability} from container "${fix.container}" of ${fix.workload}`;
    case "remove-host-pid":
      return `Remove hostPID: true from ${fix.workload}`;
    case "remove-host-path":
      return `Remove hostPath volume "${fix.volume}" from ${fix.workload}`;
    case "no-token":
      return `Set automountServiceAccountToken: false on ${fix.workload}`;
    case "remove-secret-mount":
      return `Stop mounting Secret "${fix.secret}" into container "${fix.container}" of ${fix.workload}`;
    case "deny-egress":
      return `Add a NetworkPolicy denying ${fix.workload} all egress but DNS`;
    case "block-imds":
      return `Add a NetworkPolicy blocking ${fix.workload} from the metadata service 169.254.169.254`;
    case "narrow-role":
      return `Remove ${PERMISSION_TEXT[fix.permission]} from ${fix.roleKind} ${fix.namespace ? `${fix.namespace}/` : ""}${fix.role}`;
    case "delete-binding":
      return `Delete ${fix.bindingKind} ${fix.namespace ? `${fix.namespace}/` : ""}${fix.binding}`;
    case "remove-workload-identity":
      return `Remove annotation ${fix.annotation} from ServiceAccount ${fix.namespace}/${fix.serviceAccount}`;
  }
}

// ---- applying a fix to Kubernetes objects ----

type TRule = { apiGroups?: string[] | null; resources?: string[] | null; verbs?: string[] | null; resourceNames?: string[] | null; nonResourceURLs?: string[] | null };

/** The verbs `*` stands for when one of them is taken away (the standard resource verbs). */
const STANDARD_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

interface TNarrowing {
  groups: string[];
  /** resources the verbs are removed on; "*" in a rule's resources makes it unnarrowable */
  resources: string[];
  verbs: string[];
}

const NARROWING: Record<TRolePermission, TNarrowing[]> = {
  "read-secrets": [{ groups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] }],
  "exec-pods": [{ groups: [""], resources: ["pods/exec", "pods/*"], verbs: ["create"] }],
  "patch-pods": [{ groups: [""], resources: ["pods"], verbs: ["patch", "update"] }],
  "create-pods": [{ groups: [""], resources: ["pods"], verbs: ["create"] }],
  "bind-roles": [{ groups: ["rbac.authorization.k8s.io"], resources: ["roles", "clusterroles"], verbs: ["bind"] }],
  impersonate: [{ groups: ["", "authentication.k8s.io"], resources: ["users", "groups", "serviceaccounts", "userextras/*", "uids"], verbs: ["impersonate"] }],
};

const touches = (rule: TRule, n: TNarrowing) =>
  (rule.apiGroups ?? []).some((g) => g === "*" || n.groups.includes(g)) &&
  (rule.resources ?? []).some((r) => r === "*" || n.resources.includes(r)) &&
  (rule.verbs ?? []).some((v) => v === "*" || n.verbs.includes(v));

/**
 * Whether a role's rules can be narrowed for the permission without rewriting what else they grant:
 * a rule granting it through `resources: ["*"]` would have to be split into every other resource.
 */
export function canNarrow(rules: readonly TRule[], permission: TRolePermission): boolean {
  const relevant = rules.filter((rule) => NARROWING[permission].some((n) => touches(rule, n)));
  return relevant.length > 0 && relevant.every((rule) => !(rule.resources ?? []).includes("*"));
}

/**
 * The rules without the permission: a rule granting it loses those verbs on those resources (`*`
 * verbs spelled out first); its other resources keep every verb, in a rule of their own.
 */
export function narrowRules<T extends TRule>(rules: readonly T[], permission: TRolePermission): T[] {
  let current: T[] = [...rules];
  for (const n of NARROWING[permission]) {
    const next: T[] = [];
    for (const rule of current) {
      if (!touches(rule, n)) {
        next.push(rule);
        continue;
      }
      const resources = rule.resources ?? [];
      const others = resources.filter((r) => !n.resources.includes(r));
      if (others.length > 0) next.push({ ...rule, resources: others });
      const verbs = rule.verbs ?? [];
      const kept = (verbs.includes("*") ? STANDARD_VERBS : verbs).filter((v) => !n.verbs.includes(v));
      if (kept.length > 0) next.push({ ...rule, resources: resources.filter((r) => n.resources.includes(r)), verbs: kept });
    }
    current = next;
  }
  return current;
}

function podSpecs(object: TK8sObject): Record<string, unknown>[] {
  if (object.kind === "Pod") return object.spec ? [object.spec] : [];
  const template = object.kind === "CronJob" ? object.spec?.jobTemplate?.spec?.template : object.spec?.template;
  return template?.spec ? [template.spec] : [];
}

type TContainer = { name: string; securityContext?: { privileged?: boolean; capabilities?: { add?: string[] } }; volumeMounts?: { name: string }[]; env?: { valueFrom?: { secretKeyRef?: { name?: string } } }[]; envFrom?: { secretRef?: { name?: string } }[] };
type TVolume = { name: string; hostPath?: unknown; secret?: { secretName?: string }; projected?: { sources?: { secret?: { name?: string }; serviceAccountToken?: unknown }[] } };

/** The ServiceAccount admission controller names the token volume it adds `kube-api-access-<5 random>`. */
export const INJECTED_TOKEN_VOLUME = /^kube-api-access-[a-z0-9]{5}$/;
const isInjectedTokenVolume = (v: TVolume | undefined) =>
  !!v && INJECTED_TOKEN_VOLUME.test(v.name) && (v.projected?.sources ?? []).some((s) => !!s?.serviceAccountToken);

const capName = (cap: string) => cap.toUpperCase().replace(/^CAP_/, "");

/** Applies a pod-template fix to one pod spec in place (the caller cloned it). */
export function applyToPodSpec(spec: Record<string, unknown>, fix: TPodFix): void {
  const containers = [...((spec.containers as TContainer[] | undefined) ?? []), ...((spec.initContainers as TContainer[] | undefined) ?? [])];
  const container = "container" in fix ? containers.find((c) => c?.name === fix.container) : undefined;
  switch (fix.kind) {
    case "drop-privileged":
      if (container?.securityContext) container.securityContext.privileged = false;
      return;
    case "drop-capability": {
      const caps = container?.securityContext?.capabilities;
      if (caps?.add) caps.add = caps.add.filter((cap) => capName(cap) !== fix.capability);
      return;
    }
    case "remove-host-pid":
      spec.hostPID = false;
      return;
    case "no-token": {
      spec.automountServiceAccountToken = false;
      // the token volume admission injected into a pod that automounts (kube-api-access-<random>) goes with it
      const injected = new Set(((spec.volumes as TVolume[] | undefined) ?? []).filter(isInjectedTokenVolume).map((v) => v.name));
      if (injected.size === 0) return;
      spec.volumes = ((spec.volumes as TVolume[] | undefined) ?? []).filter((v) => !injected.has(v?.name));
      for (const c of containers) if (c?.volumeMounts) c.volumeMounts = c.volumeMounts.filter((m) => !injected.has(m?.name));
      return;
    }
    case "remove-host-path": {
      spec.volumes = ((spec.volumes as TVolume[] | undefined) ?? []).filter((v) => v?.name !== fix.volume);
      for (const c of containers) if (c?.volumeMounts) c.volumeMounts = c.volumeMounts.filter((m) => m?.name !== fix.volume);
      return;
    }
    case "remove-secret-mount": {
      if (!container) return;
      if (container.env) container.env = container.env.filter((e) => e?.valueFrom?.secretKeyRef?.name !== fix.secret);
      if (container.envFrom) container.envFrom = container.envFrom.filter((e) => e?.secretRef?.name !== fix.secret);
      // the container's mounts of volumes that carry the Secret: the volume goes when no one else mounts it
      const volumes = (spec.volumes as TVolume[] | undefined) ?? [];
      const carrying = new Set(
        volumes.filter((v) => v?.secret?.secretName === fix.secret || (v?.projected?.sources ?? []).some((s) => s?.secret?.name === fix.secret)).map((v) => v.name),
      );
      if (container.volumeMounts) container.volumeMounts = container.volumeMounts.filter((m) => !carrying.has(m?.name));
      const stillMounted = new Set(containers.flatMap((c) => (c?.volumeMounts ?? []).map((m) => m?.name)));
      spec.volumes = volumes.filter((v) => !carrying.has(v?.name) || stillMounted.has(v.name));
      return;
    }
  }
}

const nsOf = (o: TK8sObject) => o.metadata.namespace ?? "default";
const keyOf = (o: TK8sObject) => `${o.kind}/${nsOf(o)}/${o.metadata.name}`;

/**
 * The objects a pod fix rewrites: the workload's pods and every controller on the way up to it
 * (a Deployment and its ReplicaSets, a CronJob and its Jobs), so new pods come out fixed too.
 */
function workloadObjects(inv: TInventory, workload: string, pods: ReadonlySet<string>): { pods: Set<TK8sObject>; controllers: Set<TK8sObject> } {
  const controllers = new Map(inv.controllers.map((c) => [keyOf(c), c]));
  const topOf = (object: TK8sObject): string => {
    let current = object;
    let id = keyOf(object);
    for (let depth = 0; depth < 8; depth++) {
      const owners = current.metadata.ownerReferences ?? [];
      const owner = owners.find((o) => o.controller === true) ?? owners[0];
      if (!owner) break;
      id = `${owner.kind}/${nsOf(current)}/${owner.name}`;
      const next = controllers.get(id);
      if (!next) break;
      current = next;
    }
    return id;
  };
  return {
    pods: new Set(inv.pods.filter((p) => pods.has(`Pod/${nsOf(p)}/${p.metadata.name}`))),
    controllers: new Set(inv.controllers.filter((c) => topOf(c) === workload)),
  };
}

/**
 * The inventory after the fix: changed objects are copies, the rest is shared. `podsOf` names the
 * pod identifiers of a workload (the graph knows them; ownerReferences alone miss bare pods).
 */
export function applyFix(inv: TInventory, fix: TFix, podsOf: (workload: string) => readonly string[]): TInventory {
  if (isPodFix(fix)) {
    const { pods, controllers } = workloadObjects(inv, fix.workload, new Set(podsOf(fix.workload)));
    const rewrite = (o: TK8sObject) => {
      const copy = structuredClone(o);
      for (const spec of podSpecs(copy)) applyToPodSpec(spec, fix);
      return copy;
    };
    return {
      ...inv,
      pods: inv.pods.map((p) => (pods.has(p) ? rewrite(p) : p)),
      controllers: inv.controllers.map((c) => (controllers.has(c) ? rewrite(c) : c)),
    };
  }
  if (isPolicyFix(fix)) {
    const policy = fixPolicy(inv, fix, podsOf);
    return policy ? { ...inv, networkPolicies: [...inv.networkPolicies, policy] } : inv;
  }
  switch (fix.kind) {
    case "narrow-role": {
      const match = (r: TK8sObject) => r.metadata.name === fix.role && (fix.roleKind === "ClusterRole" || nsOf(r) === fix.namespace);
      const narrow = (r: TK8sObject) => (match(r) ? { ...r, rules: narrowRules((r.rules ?? []) as TRule[], fix.permission) } : r);
      return fix.roleKind === "Role" ? { ...inv, roles: inv.roles.map(narrow) } : { ...inv, clusterRoles: inv.clusterRoles.map(narrow) };
    }
    case "delete-binding":
      return fix.bindingKind === "RoleBinding"
        ? { ...inv, roleBindings: inv.roleBindings.filter((b) => !(b.metadata.name === fix.binding && nsOf(b) === fix.namespace)) }
        : { ...inv, clusterRoleBindings: inv.clusterRoleBindings.filter((b) => b.metadata.name !== fix.binding) };
    case "remove-workload-identity":
      return {
        ...inv,
        serviceAccounts: inv.serviceAccounts.map((sa) => {
          if (sa.metadata.name !== fix.serviceAccount || nsOf(sa) !== fix.namespace) return sa;
          const annotations = { ...(sa.metadata.annotations ?? {}) };
          delete annotations[fix.annotation];
          return { ...sa, metadata: { ...sa.metadata, annotations } };
        }),
      };
  }
}

/** The labels that select a workload's pods: its controller's matchLabels, else its first pod's labels. */
export function workloadSelector(inv: TInventory, workload: string, podsOf: (workload: string) => readonly string[]): Record<string, string> | null {
  const [kind, namespace, ...rest] = workload.split("/");
  const name = rest.join("/");
  const controller = inv.controllers.find((c) => c.kind === kind && c.metadata.name === name && nsOf(c) === namespace);
  const matchLabels = controller?.spec?.selector?.matchLabels as Record<string, string> | undefined;
  const expressions = controller?.spec?.selector?.matchExpressions as unknown[] | undefined;
  if (matchLabels && Object.keys(matchLabels).length > 0 && !(expressions && expressions.length > 0)) return { ...matchLabels };
  const template = controller?.kind === "CronJob" ? controller.spec?.jobTemplate?.spec?.template : controller?.spec?.template;
  const labels = (template?.metadata?.labels as Record<string, string> | undefined) ?? inv.pods.find((p) => podsOf(workload).includes(`Pod/${nsOf(p)}/${p.metadata.name}`))?.metadata.labels;
  return labels && Object.keys(labels).length > 0 ? { ...labels } : null;
}

const policyName = (fix: TPolicyFix) => {
  const name = fix.workload.split("/").slice(2).join("-").toLowerCase();
  return `blastradius-${fix.kind}-${name}`.slice(0, 253).replace(/-+$/, "");
};

/** The NetworkPolicy a policy fix adds; null when the workload's pods carry no label to select them by. */
export function fixPolicy(inv: TInventory, fix: TPolicyFix, podsOf: (workload: string) => readonly string[]): TK8sObject | null {
  const selector = workloadSelector(inv, fix.workload, podsOf);
  if (!selector) return null;
  const namespace = fix.workload.split("/")[1];
  const dns = {
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: [
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ],
  };
  // everything but the metadata service: any address outside it, and every pod of every namespace
  const allButImds = [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["169.254.169.254/32"] } }] }, { to: [{ namespaceSelector: {} }] }];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: policyName(fix), namespace, labels: { "app.kubernetes.io/managed-by": "blast-radius" } },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ["Egress"], egress: fix.kind === "deny-egress" ? [dns] : allButImds },
  };
}
