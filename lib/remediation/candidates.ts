// Candidate fixes of an attack path's edges, and what each costs (DESIGN.md "Contain and fix"):
// a pod-spec change 1; a Role rule or RoleBinding 2 and a ClusterRole rule or ClusterRoleBinding 3,
// each plus 1 per other workload it serves; detaching a cloud role 3 plus 1 per other workload.
import type { TBuildContext } from "../graph/build-graph";
import { WORKLOAD_IDENTITY_ANNOTATIONS } from "../graph/cloud-rules";
import { IMPLICIT_TOKEN_VOLUME } from "../graph/pod-facts";
import { permissionSetsForServiceAccount, type TPermissionSet } from "../graph/rbac";
import type { TAttackGraph, TGraphEdge } from "../graph/types";
import type { TK8sObject } from "../inventory/types";
import { canNarrow, fixId, INJECTED_TOKEN_VOLUME, type TFix, type TRolePermission } from "./fixes";

const NARROW_FOR: Partial<Record<TGraphEdge["edge"], TRolePermission>> = {
  SECRET_READ: "read-secrets",
  TOKEN_LIST: "read-secrets",
  TOKEN_BRUTEFORCE: "read-secrets",
  POD_EXEC: "exec-pods",
  POD_PATCH: "patch-pods",
  POD_CREATE: "create-pods",
  ROLE_BIND: "bind-roles",
  IDENTITY_IMPERSONATE: "impersonate",
};

/** Per graph: which workloads run as each service account, and which workloads each PermissionSet serves. */
interface TServes {
  byAccount: Map<string, Set<string>>;
  bySet: Map<string, Set<string>>;
}
const servesCache = new WeakMap<TAttackGraph, TServes>();

function serves(graph: TAttackGraph, ctx: TBuildContext): TServes {
  let s = servesCache.get(graph);
  if (s) return s;
  const byAccount = new Map<string, Set<string>>();
  for (const facts of ctx.pods) {
    const workload = graph.pod(facts.id)?.workload;
    if (!workload) continue;
    const key = `${facts.namespace}/${facts.serviceAccount}`;
    const set = byAccount.get(key) ?? new Set<string>();
    set.add(workload);
    byAccount.set(key, set);
  }
  const bySet = new Map<string, Set<string>>();
  for (const [key, workloads] of byAccount) {
    const [ns, name] = key.split("/");
    for (const ps of permissionSetsForServiceAccount(ctx.rbacCtx.sets, ns, name)) {
      const set = bySet.get(ps.id) ?? new Set<string>();
      for (const w of workloads) set.add(w);
      bySet.set(ps.id, set);
    }
  }
  s = { byAccount, bySet };
  servesCache.set(graph, s);
  return s;
}

const others = (workloads: Set<string> | undefined, self: string) => (workloads ? workloads.size - (workloads.has(self) ? 1 : 0) : 0);

/** The fix's cost as seen from one workload (the "other workloads" it also serves make it dearer). */
export function fixCost(graph: TAttackGraph, ctx: TBuildContext, fix: TFix, self: string): number {
  const s = serves(graph, ctx);
  switch (fix.kind) {
    case "narrow-role": {
      const sets = ctx.rbacCtx.sets.filter((ps) => roleMatches(ps, fix));
      const served = new Set(sets.flatMap((ps) => [...(s.bySet.get(ps.id) ?? [])]));
      return (fix.roleKind === "Role" ? 2 : 3) + others(served, self);
    }
    case "delete-binding": {
      const sets = ctx.rbacCtx.sets.filter((ps) => bindingMatches(ps, fix));
      const served = new Set(sets.flatMap((ps) => [...(s.bySet.get(ps.id) ?? [])]));
      return (fix.bindingKind === "RoleBinding" ? 2 : 3) + others(served, self);
    }
    case "remove-workload-identity":
      return 3 + others(s.byAccount.get(`${fix.namespace}/${fix.serviceAccount}`), self);
    case "deny-egress":
    case "block-imds":
      return 2;
    default:
      return 1;
  }
}

const roleMatches = (ps: TPermissionSet, fix: Extract<TFix, { kind: "narrow-role" }>) =>
  ps.roleKind === fix.roleKind && ps.roleName === fix.role && (fix.roleKind === "ClusterRole" || ps.namespace === fix.namespace);
const bindingMatches = (ps: TPermissionSet, fix: Extract<TFix, { kind: "delete-binding" }>) =>
  ps.bindingKind === fix.bindingKind && ps.bindingName === fix.binding && (fix.bindingKind === "ClusterRoleBinding" || ps.namespace === fix.namespace);

const deleteBinding = (ps: TPermissionSet): TFix => ({ kind: "delete-binding", bindingKind: ps.bindingKind, namespace: ps.namespace, binding: ps.bindingName });

function roleObject(ctx: TBuildContext, ps: TPermissionSet): TK8sObject | undefined {
  return ps.roleKind === "Role"
    ? ctx.inv.roles.find((r) => r.metadata.name === ps.roleName && (r.metadata.namespace ?? "default") === ps.namespace)
    : ctx.inv.clusterRoles.find((r) => r.metadata.name === ps.roleName);
}

function narrowRole(ctx: TBuildContext, ps: TPermissionSet, permission: TRolePermission): TFix | null {
  const role = roleObject(ctx, ps);
  // an aggregated ClusterRole's rules are written by the controller: narrow the roles it selects instead
  if (!role || role.aggregationRule || !canNarrow(role.rules ?? [], permission)) return null;
  return { kind: "narrow-role", roleKind: ps.roleKind, namespace: ps.roleKind === "Role" ? ps.namespace : null, role: ps.roleName, permission };
}

/** The fixes that could remove one edge (the effect decides whether each does). */
export function fixesForEdge(graph: TAttackGraph, ctx: TBuildContext, edge: TGraphEdge): TFix[] {
  const [kind, ...rest] = edge.from.split("/");
  const out: TFix[] = [];
  if (kind === "Container" || kind === "Volume") {
    const [ns, podName, name] = rest;
    const podId = `Pod/${ns}/${podName}`;
    const facts = ctx.factsById.get(podId);
    const workload = graph.pod(podId)?.workload;
    if (!facts || !workload) return out;
    const hostPaths = (volumes: string[]) => {
      for (const v of volumes) if (facts.volumes.get(v)?.hostPath != null) out.push({ kind: "remove-host-path", workload, volume: v });
    };
    const automounted = (v: string) => v === IMPLICIT_TOKEN_VOLUME || (INJECTED_TOKEN_VOLUME.test(v) && facts.volumes.get(v)?.token === true);
    const noToken = () => {
      if ([...facts.volumes.keys()].some(automounted)) out.push({ kind: "no-token", workload });
    };
    if (kind === "Volume") {
      if (edge.edge === "EXPLOIT_HOST_TRAVERSE") hostPaths([name]);
      if (edge.edge === "TOKEN_STEAL" && automounted(name)) noToken();
      return out;
    }
    const c = facts.containers.find((x) => x.id === edge.from);
    if (!c) return out;
    const privileged = () => {
      if (c.privileged) out.push({ kind: "drop-privileged", workload, container: c.name });
    };
    const caps = (...names: string[]) => {
      for (const cap of [...names, "ALL"]) if (c.caps.has(cap)) out.push({ kind: "drop-capability", workload, container: c.name, capability: cap });
    };
    const mounted = c.mounts.map((m) => m.volume);
    switch (edge.edge) {
      case "CE_PRIV_MOUNT":
        privileged();
        break;
      case "CE_NSENTER":
        privileged();
        out.push({ kind: "remove-host-pid", workload });
        break;
      case "CE_MODULE_LOAD":
        privileged();
        caps("SYS_MODULE");
        break;
      case "CE_SYS_PTRACE":
        privileged();
        caps("SYS_PTRACE", "SYS_ADMIN");
        out.push({ kind: "remove-host-pid", workload });
        break;
      case "CE_VAR_LOG_SYMLINK":
        hostPaths(mounted);
        noToken();
        break;
      case "CE_UMH_CORE_PATTERN":
      case "EXPLOIT_HOST_READ":
      case "EXPLOIT_HOST_WRITE":
      case "EXPLOIT_CONTAINERD_SOCK":
        hostPaths(mounted);
        break;
      case "IDENTITY_ASSUME":
        noToken();
        break;
      case "VOLUME_DISCOVER": {
        const volume = edge.to.split("/")[3];
        if (automounted(volume)) noToken();
        else hostPaths([volume]);
        break;
      }
      case "SECRET_MOUNT":
        out.push({ kind: "remove-secret-mount", workload, container: c.name, secret: edge.to.split("/")[2] });
        break;
      case "IMDS_ACCESS":
        out.push({ kind: "block-imds", workload }, { kind: "deny-egress", workload });
        break;
      case "NETWORK_REACH":
        out.push({ kind: "deny-egress", workload });
        break;
    }
    return out;
  }
  const setOf = (id: string) => ctx.rbacCtx.sets.find((ps) => ps.id === id);
  if (edge.edge === "PERMISSION_DISCOVER") {
    const ps = setOf(edge.to);
    if (ps) out.push(deleteBinding(ps));
    return out;
  }
  if (kind === "PermissionSet") {
    const ps = setOf(edge.from);
    if (!ps) return out;
    const permission = NARROW_FOR[edge.edge];
    const narrowed = permission ? narrowRole(ctx, ps, permission) : null;
    if (narrowed) out.push(narrowed);
    else out.push(deleteBinding(ps));
    return out;
  }
  if (kind === "ServiceAccount") {
    const [ns, name] = rest;
    if (edge.edge === "WORKLOAD_IDENTITY") {
      const sa = ctx.inv.serviceAccounts.find((s) => s.metadata.name === name && (s.metadata.namespace ?? "default") === ns);
      const role = edge.to.slice("CloudRole/".length);
      for (const key of WORKLOAD_IDENTITY_ANNOTATIONS) {
        if (sa?.metadata.annotations?.[key]?.trim() === role) out.push({ kind: "remove-workload-identity", namespace: ns, serviceAccount: name, annotation: key });
      }
    }
    // escalation only the union of the account's bindings allows: removing one of its own bindings breaks the pair
    if (edge.edge === "ROLE_BIND" || edge.edge === "CLUSTER_ADMIN") {
      for (const ps of ctx.rbacCtx.sets) if (ps.subjects.some((s) => s.kind === "ServiceAccount" && s.name === name && s.namespace === ns)) out.push(deleteBinding(ps));
    }
  }
  return out;
}

/** Distinct candidate fixes of a set of edges, keyed by fix id. */
export function candidatesFor(graph: TAttackGraph, ctx: TBuildContext, edges: Iterable<TGraphEdge>): Map<string, TFix> {
  const out = new Map<string, TFix>();
  for (const edge of edges) for (const fix of fixesForEdge(graph, ctx, edge)) out.set(fixId(fix), fix);
  return out;
}
