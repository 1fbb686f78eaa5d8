// Privilege escalation through RBAC itself: binding an existing role to oneself (ROLE_BIND),
// impersonating identities (IDENTITY_IMPERSONATE) and cluster-admin equivalents (CLUSTER_ADMIN).
import { vid } from "./ids";
import { allows, type TPermissionSet } from "./rbac";
import type { TRbacContext } from "./rbac-rules";

const RBAC_GROUP = "rbac.authorization.k8s.io";
const rbac = (ps: TPermissionSet, verb: string, resource: string, namespace: string | null, name?: string) =>
  allows(ps, { verb, group: RBAC_GROUP, resource, namespace, ...(name ? { name } : {}) });
const core = (ps: TPermissionSet, verb: string, resource: string, namespace: string | null, extra: { subresource?: string; name?: string } = {}) =>
  allows(ps, { verb, group: "", resource, namespace, ...extra });

export function addEscalationEdges(ctx: TRbacContext, identities: { users: string[]; groups: string[] }, controlPlane: string): void {
  for (const ps of ctx.sets) {
    addRoleBind(ctx, ps);
    addImpersonate(ctx, ps, identities);
    // DESIGN.md CLUSTER_ADMIN: permissions that amount to cluster-admin.
    if (isClusterAdminEquivalent(ps)) ctx.b.edge("CLUSTER_ADMIN", ps.id, controlPlane);
  }
}

// KubeHound ROLE_BIND.md: `create` on the binding kind plus `bind` on the role it grants, in the
// target's scope (a RoleBinding grant cannot create ClusterRoleBindings). Kubernetes RBAC docs,
// "Restrictions on role binding creation or update".
function addRoleBind(ctx: TRbacContext, ps: TPermissionSet): void {
  const createCluster = rbac(ps, "create", "clusterrolebindings", null);
  const createIn = new Map<string, boolean>();
  const canCreateIn = (ns: string) => {
    let value = createIn.get(ns);
    if (value === undefined) createIn.set(ns, (value = rbac(ps, "create", "rolebindings", ns)));
    return value;
  };
  if (!createCluster && !(ps.namespace === null ? ctx.namespaces.some(canCreateIn) : canCreateIn(ps.namespace))) return;
  for (const target of ctx.sets) {
    if (target === ps) continue;
    const ok =
      target.namespace === null
        ? createCluster && rbac(ps, "bind", "clusterroles", null, target.roleName)
        : canCreateIn(target.namespace) && rbac(ps, "bind", target.roleKind === "Role" ? "roles" : "clusterroles", target.namespace, target.roleName);
    if (ok) ctx.b.edge("ROLE_BIND", ps.id, target.id);
  }
}

// KubeHound IDENTITY_IMPERSONATE.md: `impersonate` on users, groups or serviceaccounts. Users and
// groups are cluster-scoped, so only a ClusterRoleBinding grants them (Kubernetes authentication
// docs, "User impersonation").
function addImpersonate(ctx: TRbacContext, ps: TPermissionSet, identities: { users: string[]; groups: string[] }): void {
  if (!ps.rules.some((rule) => rule.verbs.includes("impersonate") || rule.verbs.includes("*"))) return;
  if (ps.namespace === null) {
    for (const name of identities.users) if (core(ps, "impersonate", "users", null, { name })) ctx.b.edge("IDENTITY_IMPERSONATE", ps.id, vid.user(name));
    for (const name of identities.groups) if (core(ps, "impersonate", "groups", null, { name })) ctx.b.edge("IDENTITY_IMPERSONATE", ps.id, vid.group(name));
  }
  const scope = ps.namespace === null ? ctx.namespaces : [ps.namespace];
  for (const ns of scope) {
    for (const account of ctx.accountsByNs.get(ns) ?? []) {
      if (core(ps, "impersonate", "serviceaccounts", ns, { name: account.name })) ctx.b.edge("IDENTITY_IMPERSONATE", ps.id, vid.serviceAccount(ns, account.name));
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
  // `bind` cluster-admin into a new binding, or `escalate` a role one already holds.
  if (rbac(ps, "create", "clusterrolebindings", null) && rbac(ps, "bind", "clusterroles", null, "cluster-admin")) return true;
  if (rbac(ps, "create", "rolebindings", ks) && rbac(ps, "bind", "clusterroles", ks, "cluster-admin")) return true;
  if (rbac(ps, "escalate", "clusterroles", null) && (rbac(ps, "update", "clusterroles", null) || rbac(ps, "patch", "clusterroles", null))) return true;
  if (rbac(ps, "escalate", "roles", ks) && (rbac(ps, "update", "roles", ks) || rbac(ps, "patch", "roles", ks))) return true;
  // `impersonate` the system:masters group.
  if (core(ps, "impersonate", "groups", null, { name: "system:masters" })) return true;
  // Create pods or workload controllers in kube-system (run as any of its service accounts).
  if (WORKLOAD_KINDS.some(([group, resource]) => allows(ps, { verb: "create", group, resource, namespace: ks }))) return true;
  // nodes/proxy reaches the kubelet API: exec in any pod.
  if (core(ps, "get", "nodes", null, { subresource: "proxy" }) || core(ps, "create", "nodes", null, { subresource: "proxy" })) return true;
  // Approve CSRs for a client certificate of any identity.
  const csr = { group: "certificates.k8s.io", namespace: null } as const;
  return (
    allows(ps, { ...csr, verb: "update", resource: "certificatesigningrequests", subresource: "approval" }) &&
    allows(ps, { ...csr, verb: "approve", resource: "signers", name: "kubernetes.io/kube-apiserver-client" })
  );
}
