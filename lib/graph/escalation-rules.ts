// Privilege escalation through RBAC itself: binding an existing role to oneself (ROLE_BIND),
// impersonating identities (IDENTITY_IMPERSONATE) and cluster-admin equivalents (CLUSTER_ADMIN).
//
// The API server authorizes each request against every binding that applies to the requester at
// once (kubernetes/plugin/pkg/auth/authorizer/rbac/rbac.go: Authorize visits the rules of all
// bindings for the user and its groups and allows on the first match). So a check that needs two
// permissions — `create` a binding and `bind` the role; `escalate` and `update` a role; CSR
// `update approval` and `approve` the signer — is met when one binding grants one and another
// binding the other. Each PermissionSet is checked on its own (the edge starts at the set, which
// names the binding to fix); then each identity holding two or more sets is checked against their
// union, and what only the union allows gets an edge from the identity itself.
//
// Deliberate differences from the API server: a User's groups are unknown to an inventory, so a
// User's union covers only the bindings that name that user; a service account's union covers its
// own, its user name's and its groups' bindings (system:serviceaccounts[:<ns>], system:authenticated).
import { vid } from "./ids";
import { allows, permissionSetsForServiceAccount, type TAccessRequest, type TPermissionSet } from "./rbac";
import type { TRbacContext } from "./rbac-rules";

const RBAC_GROUP = "rbac.authorization.k8s.io";

/** What an identity may do: one PermissionSet, or the union of several. */
interface TGrant {
  allow(req: TAccessRequest): boolean;
  /** where it may create RoleBindings: its namespaces, or null for every namespace */
  namespaces: string[] | null;
}

const grantOf = (ps: TPermissionSet): TGrant => ({ allow: (req) => allows(ps, req), namespaces: ps.namespace === null ? null : [ps.namespace] });

function unionOf(sets: readonly TPermissionSet[]): TGrant {
  const clusterWide = sets.some((ps) => ps.namespace === null);
  return {
    allow: (req) => sets.some((ps) => allows(ps, req)),
    namespaces: clusterWide ? null : [...new Set(sets.map((ps) => ps.namespace!))],
  };
}

const rbac = (g: TGrant, verb: string, resource: string, namespace: string | null, name?: string) =>
  g.allow({ verb, group: RBAC_GROUP, resource, namespace, ...(name ? { name } : {}) });
const core = (g: TGrant, verb: string, resource: string, namespace: string | null, extra: { subresource?: string; name?: string } = {}) =>
  g.allow({ verb, group: "", resource, namespace, ...extra });

export function addEscalationEdges(ctx: TRbacContext, identities: { users: string[]; groups: string[] }, controlPlane: string): void {
  const bound = new Map<TPermissionSet, Set<string>>();
  const admins = new Set<TPermissionSet>();
  const { only } = ctx;
  for (const ps of ctx.sets) {
    const grant = grantOf(ps);
    const targets = roleBindTargets(ctx, grant, new Set([ps]));
    bound.set(ps, targets);
    const draw = !only || only.sets.has(ps.id);
    if (draw) for (const target of targets) ctx.b.edge("ROLE_BIND", ps.id, target);
    if (draw) addImpersonate(ctx, ps, identities);
    // DESIGN.md CLUSTER_ADMIN: permissions that amount to cluster-admin.
    if (isClusterAdminEquivalent(ps)) {
      admins.add(ps);
      if (draw) ctx.b.edge("CLUSTER_ADMIN", ps.id, controlPlane);
    }
  }
  const flags = new Map(ctx.sets.map((ps) => [ps, pairFlags(ps)]));
  const addUnion = (identity: string, sets: TPermissionSet[]) => {
    if (only && !only.identities.has(identity)) return;
    if (sets.length < 2 || !splitPair(sets.map((ps) => flags.get(ps)!))) return;
    const union = unionOf(sets);
    const held = new Set(sets);
    const single = new Set(sets.flatMap((ps) => [...bound.get(ps)!]));
    for (const target of roleBindTargets(ctx, union, held)) if (!single.has(target)) ctx.b.edge("ROLE_BIND", identity, target);
    if (!sets.some((ps) => admins.has(ps)) && clusterAdminBy(union)) ctx.b.edge("CLUSTER_ADMIN", identity, controlPlane);
  };
  for (const account of ctx.accounts) {
    addUnion(vid.serviceAccount(account.namespace, account.name), permissionSetsForServiceAccount(ctx.sets, account.namespace, account.name));
  }
  const byUser = new Map<string, TPermissionSet[]>();
  const byGroup = new Map<string, TPermissionSet[]>();
  for (const ps of ctx.sets) {
    for (const s of ps.subjects) {
      const map = s.kind === "User" ? byUser : s.kind === "Group" ? byGroup : null;
      if (!map) continue;
      const list = map.get(s.name) ?? [];
      if (list[list.length - 1] !== ps) list.push(ps);
      map.set(s.name, list);
    }
  }
  for (const [name, sets] of byUser) addUnion(vid.user(name), sets);
  for (const [name, sets] of byGroup) addUnion(vid.group(name), sets);
}

interface TPairFlags {
  createBinding: boolean;
  bind: boolean;
  escalate: boolean;
  updateRole: boolean;
  approveCsr: boolean;
  approveSigner: boolean;
}

const has = (values: string[], ...wanted: string[]) => values.some((v) => v === "*" || wanted.includes(v));

/** Which half of a two-permission check a set's rules could supply (a coarse, cheap filter). */
function pairFlags(ps: TPermissionSet): TPairFlags {
  const f: TPairFlags = { createBinding: false, bind: false, escalate: false, updateRole: false, approveCsr: false, approveSigner: false };
  for (const r of ps.rules) {
    if (has(r.verbs, "create") && has(r.resources, "rolebindings", "clusterrolebindings")) f.createBinding = true;
    if (has(r.verbs, "bind")) f.bind = true;
    if (has(r.verbs, "escalate")) f.escalate = true;
    if (has(r.verbs, "update", "patch") && has(r.resources, "roles", "clusterroles")) f.updateRole = true;
    if (has(r.verbs, "update") && has(r.resources, "certificatesigningrequests/approval", "*/approval")) f.approveCsr = true;
    if (has(r.verbs, "approve")) f.approveSigner = true;
  }
  return f;
}

/** Whether some two-permission check could need two different sets (else the single-set checks said it all). */
function splitPair(flags: TPairFlags[]): boolean {
  const split = (a: keyof TPairFlags, b: keyof TPairFlags) => {
    const withA = flags.filter((f) => f[a]).length;
    const withB = flags.filter((f) => f[b]).length;
    const withBoth = flags.filter((f) => f[a] && f[b]).length;
    return withA > 0 && withB > 0 && withA + withB - withBoth >= 2;
  };
  return split("createBinding", "bind") || split("escalate", "updateRole") || split("approveCsr", "approveSigner");
}

// KubeHound ROLE_BIND.md: `create` on the binding kind plus `bind` on the role it grants, in the
// target's scope (a RoleBinding grant cannot create ClusterRoleBindings). Kubernetes RBAC docs,
// "Restrictions on role binding creation or update"; the `bind` check is
// kubernetes/pkg/registry/rbac/validation (BindingAuthorized), made against the requester's whole
// authorization, like `create` itself.
function roleBindTargets(ctx: TRbacContext, g: TGrant, held: ReadonlySet<TPermissionSet>): Set<string> {
  const out = new Set<string>();
  const createCluster = rbac(g, "create", "clusterrolebindings", null);
  const createIn = new Map<string, boolean>();
  const canCreateIn = (ns: string) => {
    let value = createIn.get(ns);
    if (value === undefined) createIn.set(ns, (value = rbac(g, "create", "rolebindings", ns)));
    return value;
  };
  if (!createCluster && !(g.namespaces ?? ctx.namespaces).some(canCreateIn)) return out;
  for (const target of ctx.sets) {
    if (held.has(target)) continue;
    const ok =
      target.namespace === null
        ? createCluster && rbac(g, "bind", "clusterroles", null, target.roleName)
        : canCreateIn(target.namespace) && rbac(g, "bind", target.roleKind === "Role" ? "roles" : "clusterroles", target.namespace, target.roleName);
    if (ok) out.add(target.id);
  }
  return out;
}

// KubeHound IDENTITY_IMPERSONATE.md: `impersonate` on users, groups or serviceaccounts. Users and
// groups are cluster-scoped, so only a ClusterRoleBinding grants them (Kubernetes authentication
// docs, "User impersonation").
function addImpersonate(ctx: TRbacContext, ps: TPermissionSet, identities: { users: string[]; groups: string[] }): void {
  if (!ps.rules.some((rule) => rule.verbs.includes("impersonate") || rule.verbs.includes("*"))) return;
  const g = grantOf(ps);
  if (ps.namespace === null) {
    for (const name of identities.users) if (core(g, "impersonate", "users", null, { name })) ctx.b.edge("IDENTITY_IMPERSONATE", ps.id, vid.user(name));
    for (const name of identities.groups) if (core(g, "impersonate", "groups", null, { name })) ctx.b.edge("IDENTITY_IMPERSONATE", ps.id, vid.group(name));
  }
  const scope = ps.namespace === null ? ctx.namespaces : [ps.namespace];
  for (const ns of scope) {
    for (const account of ctx.accountsByNs.get(ns) ?? []) {
      if (core(g, "impersonate", "serviceaccounts", ns, { name: account.name })) ctx.b.edge("IDENTITY_IMPERSONATE", ps.id, vid.serviceAccount(ns, account.name));
    }
  }
}

const WORKLOAD_KINDS: [group: string, resource: string][] = [
  ["", "pods"],
  ["", "replicationcontrollers"],
  ["apps", "deployments"],
  ["apps", "daemonsets"],
  ["apps", "statefulsets"],
  ["apps", "replicasets"],
  ["batch", "jobs"],
  ["batch", "cronjobs"],
];

/** DESIGN.md CLUSTER_ADMIN, each condition at cluster scope or in kube-system (whose service accounts run the control plane). */
export function isClusterAdminEquivalent(ps: TPermissionSet): boolean {
  const ks = "kube-system";
  // `*` on `*` (cluster-admin, or admin of kube-system).
  const wildcard = ps.rules.some((r) => r.verbs.includes("*") && r.resources.includes("*") && r.apiGroups.includes("*") && r.resourceNames.length === 0);
  if (wildcard && (ps.namespace === null || ps.namespace === ks)) return true;
  return clusterAdminBy(grantOf(ps));
}

/** The conditions of DESIGN.md CLUSTER_ADMIN that are requests, evaluated on one set or on a union. */
function clusterAdminBy(g: TGrant): boolean {
  const ks = "kube-system";
  // `bind` cluster-admin into a new binding, or `escalate` a role one already holds.
  if (rbac(g, "create", "clusterrolebindings", null) && rbac(g, "bind", "clusterroles", null, "cluster-admin")) return true;
  if (rbac(g, "create", "rolebindings", ks) && rbac(g, "bind", "clusterroles", ks, "cluster-admin")) return true;
  if (rbac(g, "escalate", "clusterroles", null) && (rbac(g, "update", "clusterroles", null) || rbac(g, "patch", "clusterroles", null))) return true;
  if (rbac(g, "escalate", "roles", ks) && (rbac(g, "update", "roles", ks) || rbac(g, "patch", "roles", ks))) return true;
  // `impersonate` the system:masters group.
  if (core(g, "impersonate", "groups", null, { name: "system:masters" })) return true;
  // Create pods or workload controllers in kube-system (run as any of its service accounts).
  if (WORKLOAD_KINDS.some(([group, resource]) => g.allow({ verb: "create", group, resource, namespace: ks }))) return true;
  // nodes/proxy reaches the kubelet API: exec in any pod.
  if (core(g, "get", "nodes", null, { subresource: "proxy" }) || core(g, "create", "nodes", null, { subresource: "proxy" })) return true;
  // Approve CSRs for a client certificate of any identity.
  const csr = { group: "certificates.k8s.io", namespace: null } as const;
  return (
    g.allow({ ...csr, verb: "update", resource: "certificatesigningrequests", subresource: "approval" }) &&
    g.allow({ ...csr, verb: "approve", resource: "signers", name: "kubernetes.io/kube-apiserver-client" })
  );
}
