// What a fix does to the attack graph: the edges it removes, found by running the graph's own rules
// on the changed objects and comparing with the same rules on the objects as they are — a pod fix
// re-runs the pod and escape rules for the workload's pods, a role or binding fix re-runs the RBAC
// rules, a workload-identity fix re-reads the account. Never a table of what a change "usually" does.
import { addRbacPortion, logReader, type TBuildContext } from "../graph/build-graph";
import { addEscapeEdges } from "../graph/escape-rules";
import { GraphBuilder } from "../graph/graph-store";
import { exposesVarLog } from "../graph/host-paths";
import { vid } from "../graph/ids";
import { readPodFacts, type TPodFacts } from "../graph/pod-facts";
import { addPodEdges, type TPodContext } from "../graph/pod-rules";
import { permissionSetsForServiceAccount, resolvePermissionSets } from "../graph/rbac";
import { edgeIndex } from "../graph/search";
import { WORKLOAD_IDENTITY_ANNOTATIONS } from "../graph/cloud-rules";
import { EDGE_KINDS, type TAttackGraph, type TGraphEdge } from "../graph/types";
import { addSourceEdges } from "../graph/network-rules";
import { reverseOf } from "./delta-search";
import { withPolicy } from "../graph/netpol-compile";
import { applyFix, applyToPodSpec, fixPolicy, isPodFix, type TFix, type TPodFix, type TPolicyFix } from "./fixes";

export interface TFixEffect {
  /** CSR positions of the edges the fix removes, ascending */
  removed: number[];
  /** edges the rules give after the fix that the graph lacks (none expected: then only a rebuild is honest) */
  added: TGraphEdge[];
}

const KIND_INDEX = new Map(EDGE_KINDS.map((kind, i) => [kind, i]));
const SECRET_MOUNT = KIND_INDEX.get("SECRET_MOUNT")!;
const keyOf = (e: TGraphEdge) => `${e.from}\0${e.edge}\0${e.to}`;

function diff(graph: TAttackGraph, before: readonly TGraphEdge[], after: readonly TGraphEdge[]): TFixEffect {
  const afterKeys = new Set(after.map(keyOf));
  const beforeKeys = new Set(before.map(keyOf));
  const removed = new Set<number>();
  for (const e of before) {
    if (afterKeys.has(keyOf(e))) continue;
    const position = positionOf(graph, e);
    if (position >= 0) removed.add(position);
  }
  const added = after.filter((e) => !beforeKeys.has(keyOf(e)) && positionOf(graph, e) < 0);
  return { removed: [...removed].sort((a, b) => a - b), added };
}

export function positionOf(graph: TAttackGraph, e: TGraphEdge): number {
  const u = graph.index(e.from);
  const v = graph.index(e.to);
  return u < 0 || v < 0 ? -1 : edgeIndex(graph, u, v, KIND_INDEX.get(e.edge)!);
}

const podRuleEdges = (ctx: TPodContext, pods: readonly TPodFacts[]): TGraphEdge[] => {
  const b = new GraphBuilder();
  // The rules note a Secret known only by reference in the shared index (they append, never
  // remove): remember the lists' lengths and put them back after the scratch run.
  const { assets } = ctx.secrets;
  const namespaces = new Set(pods.map((p) => p.namespace));
  const lengths = new Map([...namespaces].map((ns) => [ns, assets.get(ns)?.length ?? -1]));
  try {
    const scratch = { ...ctx, b };
    for (const pod of pods) {
      addPodEdges(scratch, pod);
      addEscapeEdges(scratch, pod);
    }
  } finally {
    for (const [ns, length] of lengths) {
      if (length < 0) assets.delete(ns);
      else assets.get(ns)!.length = length;
    }
  }
  return b.edgeList();
};

function podFixEffect(graph: TAttackGraph, ctx: TBuildContext, fix: TPodFix): TFixEffect {
  const workload = graph.workload(fix.workload);
  if (!workload) return { removed: [], added: [] };
  const before = workload.pods.map((id) => ctx.factsById.get(id)).filter((f): f is TPodFacts => !!f);
  const replaced = new Map<TPodFacts, TPodFacts>();
  for (const facts of before) {
    const spec = structuredClone(facts.object.spec ?? {});
    applyToPodSpec(spec, fix);
    replaced.set(facts, readPodFacts({ ...facts.object, spec }, (ns, name) => ctx.automount(ns, name), facts.synthesized));
  }
  const after = [...replaced.values()];
  // the node's pod lists with the fixed pods in place: escapes into neighbours see them as fixed
  const podsOnNode = new Map(ctx.podCtx.podsOnNode);
  for (const facts of before) {
    const list = podsOnNode.get(facts.node);
    if (list) podsOnNode.set(facts.node, list.map((p) => replaced.get(p) ?? p));
  }
  const beforeEdges = podRuleEdges(ctx.podCtx, before);
  const afterEdges = podRuleEdges({ ...ctx.podCtx, podsOnNode }, after);
  const effect = diff(graph, beforeEdges, afterEdges);
  // A vertex the fix takes away (a volume; a Secret the inventory knows only because these pods
  // mounted it) loses the edges other rules drew into it.
  const vanished = new Set<number>();
  const { offsets, positions, source } = reverseOf(graph);
  const own = new Set(before.flatMap((p) => p.containers.map((c) => c.id)));
  const stillMounted = new Set(afterEdges.filter((e) => e.edge === "SECRET_MOUNT").map((e) => e.to));
  const listed = new Set(ctx.inv.secrets.map((x) => vid.secret(x.metadata.namespace ?? "default", x.metadata.name)));
  for (const e of beforeEdges) {
    if (e.edge !== "SECRET_MOUNT" || stillMounted.has(e.to) || listed.has(e.to)) continue;
    const v = graph.index(e.to);
    if (v < 0) continue;
    let elsewhere = false;
    for (let i = offsets[v]; i < offsets[v + 1] && !elsewhere; i++) {
      const p = positions[i];
      elsewhere = graph.edgeKinds[p] === SECRET_MOUNT && !own.has(graph.id(source[p]));
    }
    if (!elsewhere) vanished.add(v);
  }
  const kept = new Set(after.flatMap((p) => [...p.volumes.keys()].map((v) => vid.volume(p.namespace, p.name, v))));
  for (const p of before) {
    for (const v of p.volumes.keys()) {
      const id = vid.volume(p.namespace, p.name, v);
      const i = graph.index(id);
      if (!kept.has(id) && i >= 0) vanished.add(i);
    }
  }
  if (vanished.size === 0) return effect;
  const removed = new Set(effect.removed);
  for (const v of vanished) for (let i = offsets[v]; i < offsets[v + 1]; i++) removed.add(positions[i]);
  return { removed: [...removed].sort((a, b) => a - b), added: effect.added };
}

type TSets = TBuildContext["rbacCtx"]["sets"];

// The RBAC rules' edges that concern the changed sets: their own edges, PERMISSION_DISCOVER into
// them, and the union edges of every identity holding one (their other sets included).
function rbacEdges(ctx: TBuildContext, sets: TSets, only: { sets: ReadonlySet<string>; identities: ReadonlySet<string> }): TGraphEdge[] {
  const b = new GraphBuilder();
  addRbacPortion({ ...ctx.rbacCtx, b, sets, only }, ctx.allNodes, ctx.controlPlane);
  // CE_VAR_LOG_SYMLINK also asks RBAC (`get pods/log`): re-run the escape rules of the pods it could concern.
  const scratch: TPodContext = { ...ctx.podCtx, b, canReadPodLogs: logReader(sets) };
  for (const pod of logMounters(ctx)) addEscapeEdges(scratch, pod);
  return b.edgeList();
}

const logMountersCache = new WeakMap<TBuildContext, TPodFacts[]>();
function logMounters(ctx: TBuildContext): TPodFacts[] {
  let list = logMountersCache.get(ctx);
  if (!list) {
    list = ctx.pods.filter((pod) => pod.containers.some((c) => c.mounts.some((m) => !m.readOnly && exposesVarLogPath(pod.volumes.get(m.volume)?.hostPath))));
    logMountersCache.set(ctx, list);
  }
  return list;
}

const exposesVarLogPath = (path: string | null | undefined) => path != null && exposesVarLog(path);

/** Identities (vertex ids) a set applies to: its subjects, and every service account it covers through groups. */
function holders(ctx: TBuildContext, changed: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const ps of ctx.rbacCtx.sets) {
    if (!changed.has(ps.id)) continue;
    for (const s of ps.subjects) {
      if (s.kind === "User") out.add(vid.user(s.name));
      if (s.kind === "Group") out.add(vid.group(s.name));
    }
  }
  for (const account of ctx.rbacCtx.accounts) {
    if (permissionSetsForServiceAccount(ctx.rbacCtx.sets, account.namespace, account.name).some((ps) => changed.has(ps.id))) {
      out.add(vid.serviceAccount(account.namespace, account.name));
    }
  }
  return out;
}

function rbacFixEffect(graph: TAttackGraph, ctx: TBuildContext, fix: TFix): TFixEffect {
  const after = resolvePermissionSets(applyFix(ctx.inv, fix, () => []));
  const afterById = new Map(after.map((ps) => [ps.id, ps]));
  // the sets the fix deletes or whose rules it changes
  const changed = new Set<string>();
  for (const ps of ctx.rbacCtx.sets) {
    const next = afterById.get(ps.id);
    if (!next || JSON.stringify(next.rules) !== JSON.stringify(ps.rules)) changed.add(ps.id);
  }
  for (const ps of after) if (!ctx.rbacCtx.sets.some((old) => old.id === ps.id)) changed.add(ps.id);
  if (changed.size === 0) return { removed: [], added: [] };
  const only = { sets: changed, identities: holders(ctx, changed) };
  return diff(graph, rbacEdges(ctx, ctx.rbacCtx.sets, only), rbacEdges(ctx, after, only));
}

function identityFixEffect(graph: TAttackGraph, ctx: TBuildContext, fix: Extract<TFix, { kind: "remove-workload-identity" }>): TFixEffect {
  const sa = ctx.inv.serviceAccounts.find((s) => s.metadata.name === fix.serviceAccount && (s.metadata.namespace ?? "default") === fix.namespace);
  if (!sa) return { removed: [], added: [] };
  const rolesOf = (annotations: Record<string, string>) =>
    WORKLOAD_IDENTITY_ANNOTATIONS.map((key) => annotations[key]?.trim()).filter((role): role is string => !!role);
  const annotations = sa.metadata.annotations ?? {};
  const after = new Set(rolesOf({ ...annotations, [fix.annotation]: "" }));
  const from = vid.serviceAccount(fix.namespace, fix.serviceAccount);
  const edge = (role: string): TGraphEdge => ({ from, edge: "WORKLOAD_IDENTITY", to: vid.cloudRole(role) });
  return diff(graph, rolesOf(annotations).map(edge), [...after].map(edge));
}

// A new egress policy changes what the pods it selects may connect to: the network rules run again
// for those pods, every pod still a backend.
function policyFixEffect(graph: TAttackGraph, ctx: TBuildContext, fix: TPolicyFix): TFixEffect {
  const podsOf = (w: string) => graph.workload(w)?.pods ?? [];
  const policy = fixPolicy(ctx.inv, fix, podsOf);
  if (!policy) return { removed: [], added: [] };
  const selector: Record<string, string> = policy.spec.podSelector.matchLabels;
  const selected = ctx.pods.filter((p) => p.namespace === policy.metadata.namespace && Object.entries(selector).every(([k, v]) => p.labels[k] === v));
  const run = (model: TBuildContext["network"]) => {
    const b = new GraphBuilder();
    addSourceEdges(b, model, selected);
    return b.edgeList();
  };
  const index = withPolicy(ctx.network.index, policy);
  // the model's own index caches selections per pod reference: a fresh one for the baseline too
  return diff(graph, run(ctx.network), run({ ...ctx.network, index }));
}

/** The edges the fix removes from this graph (built by buildAttackGraph in this process). */
export function fixEffect(graph: TAttackGraph, ctx: TBuildContext, fix: TFix): TFixEffect {
  switch (fix.kind) {
    case "narrow-role":
    case "delete-binding":
      return rbacFixEffect(graph, ctx, fix);
    case "remove-workload-identity":
      return identityFixEffect(graph, ctx, fix);
    case "deny-egress":
    case "block-imds":
      return policyFixEffect(graph, ctx, fix);
    default:
      return isPodFix(fix) ? podFixEffect(graph, ctx, fix) : { removed: [], added: [] };
  }
}
