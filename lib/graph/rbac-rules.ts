// Edges out of identities and PermissionSets: who holds which set, and what each set does to
// Secrets, tokens and pods. Each set is evaluated once per namespace in its scope, not per pod.
import type { TSecretIndex } from "./assets";
import type { BuildMemo } from "./build-memo";
import { FAN_OUT, type GraphBuilder } from "./graph-store";
import { vid } from "./ids";
import type { TPodFacts } from "./pod-facts";
import { allows, permissionSetsForServiceAccount, type TPermissionSet } from "./rbac";

export interface TAccount {
  namespace: string;
  name: string;
}

export interface TRbacContext {
  b: GraphBuilder;
  sets: TPermissionSet[];
  /** every namespace the inventory mentions, sorted */
  namespaces: string[];
  /** every service account vertex */
  accounts: TAccount[];
  accountsByNs: Map<string, TAccount[]>;
  podsByNs: Map<string, TPodFacts[]>;
  secrets: TSecretIndex;
  /** POD_CREATE targets: every node, or Node/unscheduled when the inventory has none */
  createTargets: string[];
  /**
   * Draw only the edges of these sets (out of them, and PERMISSION_DISCOVER into them) and the
   * union edges of these identities: a what-if redraws what a changed role or binding touches.
   */
  only?: { sets: ReadonlySet<string>; identities: ReadonlySet<string> };
  /** a live build's: each set's edges in each namespace replayed while what they read is unchanged (lib/graph/build-memo.ts) */
  memo?: BuildMemo | null;
}

export const scopeOf = (ctx: TRbacContext, ps: TPermissionSet): string[] => (ps.namespace === null ? ctx.namespaces : [ps.namespace]);
export const hasNamedRules = (ps: TPermissionSet) => ps.rules.some((rule) => rule.resourceNames.length > 0);
const can = (ps: TPermissionSet, verb: string, resource: string, namespace: string | null, extra: { subresource?: string; name?: string } = {}) =>
  allows(ps, { verb, group: "", resource, namespace, ...extra });

export function addRbacEdges(ctx: TRbacContext): void {
  addPermissionDiscover(ctx);
  for (const ps of ctx.sets) {
    if (ctx.only && !ctx.only.sets.has(ps.id)) continue;
    const named = hasNamedRules(ps);
    const memo = ctx.only ? null : (ctx.memo ?? null);
    const rules = memo ? JSON.stringify([ps.namespace, ps.rules]) : "";
    for (const ns of scopeOf(ctx, ps)) {
      const draw = () => {
        addSecretEdges(ctx, ps, ns, named);
        addPodEdges(ctx, ps, ns, named);
      };
      if (memo) memo.rbacPortion(ctx, ps.id, rules, ns, draw);
      else draw();
    }
    // KubeHound POD_CREATE.md: create pods anywhere, pinned by nodeName to any node.
    if (scopeOf(ctx, ps).some((ns) => can(ps, "create", "pods", ns))) {
      ctx.b.flag(ps.id, FAN_OUT.createAllNodes);
      for (const node of ctx.createTargets) ctx.b.edge("POD_CREATE", ps.id, node);
    }
  }
}

// KubeHound PERMISSION_DISCOVER.md: an identity holds the sets its bindings grant, including the
// groups every service account belongs to (Kubernetes RBAC docs, service account permissions).
function addPermissionDiscover(ctx: TRbacContext): void {
  const { b, only } = ctx;
  for (const account of ctx.accounts) {
    const id = vid.serviceAccount(account.namespace, account.name);
    for (const ps of permissionSetsForServiceAccount(ctx.sets, account.namespace, account.name)) if (!only || only.sets.has(ps.id)) b.edge("PERMISSION_DISCOVER", id, ps.id);
  }
  for (const ps of ctx.sets) {
    if (only && !only.sets.has(ps.id)) continue;
    b.vertex(ps.id);
    for (const subject of ps.subjects) {
      if (subject.kind === "User") b.edge("PERMISSION_DISCOVER", vid.user(subject.name), ps.id);
      if (subject.kind === "Group") b.edge("PERMISSION_DISCOVER", vid.group(subject.name), ps.id);
    }
  }
}

function addSecretEdges(ctx: TRbacContext, ps: TPermissionSet, ns: string, named: boolean): void {
  const { b, secrets } = ctx;
  const list = can(ps, "list", "secrets", ns) || can(ps, "watch", "secrets", ns);
  const get = can(ps, "get", "secrets", ns);
  // A `list` or `watch` with fieldSelector=metadata.name=<name> carries that name, so resourceNames
  // narrow them as they narrow `get`: the holder reads that Secret, never the whole list (no
  // TOKEN_LIST). Sources: kubernetes/staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go
  // (list/watch: Name from the metadata.name field selector) and the RBAC docs, "Referring to resources".
  const readsNamed = (name: string) =>
    named && (can(ps, "get", "secrets", ns, { name }) || can(ps, "list", "secrets", ns, { name }) || can(ps, "watch", "secrets", ns, { name }));
  // DESIGN.md SECRET_READ: get/list/watch on secrets in the namespace, narrowed by resourceNames.
  for (const name of secrets.assets.get(ns) ?? []) {
    if (list || get || readsNamed(name)) b.edge("SECRET_READ", ps.id, vid.secret(ns, name));
  }
  // KubeHound TOKEN_LIST.md / TOKEN_BRUTEFORCE.md, with DESIGN.md's token rule: the token Secrets
  // the inventory shows, or every non-default service account when it holds no Secret at all.
  if (secrets.present) {
    for (const token of secrets.tokens.get(ns) ?? []) {
      const target = vid.serviceAccount(ns, token.serviceAccount);
      if (list) b.edge("TOKEN_LIST", ps.id, target);
      else if (get || readsNamed(token.secret)) b.edge("TOKEN_BRUTEFORCE", ps.id, target);
    }
  } else if (list || get) {
    for (const account of ctx.accountsByNs.get(ns) ?? []) {
      if (account.name === "default") continue;
      b.edge(list ? "TOKEN_LIST" : "TOKEN_BRUTEFORCE", ps.id, vid.serviceAccount(ns, account.name));
    }
  }
}

function addPodEdges(ctx: TRbacContext, ps: TPermissionSet, ns: string, named: boolean): void {
  const { b } = ctx;
  const pods = ctx.podsByNs.get(ns) ?? [];
  // KubeHound POD_EXEC.md: `create` on pods/exec.
  const exec = can(ps, "create", "pods", ns, { subresource: "exec" });
  // KubeHound POD_PATCH.md: `patch` (or `update`) on pods swaps a container image.
  const patch = can(ps, "patch", "pods", ns) || can(ps, "update", "pods", ns);
  if (ps.namespace === null) {
    if (exec) b.flag(ps.id, FAN_OUT.execAllPods);
    if (patch) b.flag(ps.id, FAN_OUT.patchAllPods);
  }
  if (!exec && !patch && !named) return;
  const from = b.vertex(ps.id);
  for (const pod of pods) {
    const name = pod.name;
    const to = b.vertex(pod.id);
    if (exec || (named && can(ps, "create", "pods", ns, { subresource: "exec", name }))) b.edge("POD_EXEC", from, to);
    if (patch || (named && (can(ps, "patch", "pods", ns, { name }) || can(ps, "update", "pods", ns, { name })))) b.edge("POD_PATCH", from, to);
  }
}
