// Builds one cluster's attack graph from its inventory (DESIGN.md "The attack graph"): pods and
// their workloads first, then every edge rule, then the frozen, integer-indexed graph.
import type { TInventory } from "../inventory/types";
import { addAssets, addReferencedSecret, indexSecrets } from "./assets";
import type { BuildMemo } from "./build-memo";
import { sameItems } from "./build-memo";
import { addCloudEdges } from "./cloud-rules";
import { addEscalationEdges } from "./escalation-rules";
import { addEscapeEdges } from "./escape-rules";
import { GraphBuilder } from "./graph-store";
import { UNSCHEDULED_NODE, vid } from "./ids";
import { addNetworkEdges, type TNetworkModel } from "./network-rules";
import { readPodFacts, type TPodFacts } from "./pod-facts";
import { addPodEdges, type TPodContext } from "./pod-rules";
import { allows, permissionSetsForServiceAccount, resolvePermissionSets, type TPermissionSet } from "./rbac";
import { addRbacEdges, type TAccount, type TRbacContext } from "./rbac-rules";
import type { TAttackGraph, TNewPodSources, TPodInfo } from "./types";
import { resolveWorkloads } from "./workloads";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * `previous`: the cluster's graph built before from mostly the same inventory (a live run): its
 * vertex order is reused. `memo`: what that build recorded, replayed where nothing it read changed
 * (lib/graph/build-memo.ts); it records this build's parts in turn.
 */
export function buildAttackGraph(inv: TInventory, opts: { cluster: string; previous?: TAttackGraph | null; memo?: BuildMemo | null }): TAttackGraph {
  const memo = opts.memo ?? null;
  memo?.begin(opts.previous?.vertexCount ?? 0);
  const b = new GraphBuilder(memo?.names);
  addAssets(b, inv, opts.cluster);
  const { pods: records, workloads } = resolveWorkloads(inv);
  const automount = new Map(inv.serviceAccounts.map((sa) => [`${sa.metadata.namespace ?? "default"}/${sa.metadata.name}`, sa.automountServiceAccountToken]));
  const pods = records.map((r) => podFacts(r.pod, (ns, name) => automount.get(`${ns}/${name}`) ?? undefined, r.synthesized));
  const secrets = indexSecrets(inv);
  const sets = resolvePermissionSets(inv);

  const nodeNames = [...new Set([...inv.nodes.map((n) => n.metadata.name), ...pods.filter((p) => p.scheduled).map((p) => p.node)])].sort(byString);
  // Pod creation lands on a real node when the inventory shows one, else on the stand-in.
  const createTargets = nodeNames.length > 0 ? nodeNames.map(vid.node) : [vid.node(UNSCHEDULED_NODE)];
  const allNodes = nodeNames.length === 0 || pods.some((p) => !p.scheduled) ? [...nodeNames, UNSCHEDULED_NODE] : nodeNames;
  for (const node of allNodes) b.asset(vid.node(node), { type: "node", sensitivity: "high" });

  const podsOnNode = group(
    pods.filter((p) => p.scheduled),
    (p) => p.node,
  );
  const podsByNs = group(pods, (p) => p.namespace);
  const accounts = collectAccounts(inv, pods, sets, secrets.tokens);
  const podCtx: TPodContext = { b, secrets, podsOnNode, canReadPodLogs: logReader(sets) };
  if (memo) addPodPortionMemo(memo, podCtx, inv, pods);
  else {
    for (const pod of pods) {
      addPodEdges(podCtx, pod);
      addEscapeEdges(podCtx, pod);
    }
  }

  const rbacCtx: TRbacContext = {
    b,
    sets,
    namespaces: collectNamespaces(inv, accounts),
    accounts,
    accountsByNs: group(accounts, (a) => a.namespace),
    podsByNs,
    secrets,
    createTargets,
    memo,
  };
  const controlPlane = vid.controlPlane(opts.cluster);
  addRbacPortion(rbacCtx, allNodes, controlPlane);

  addCloudEdges(b, inv, allNodes);
  const { model: network, newPodReach: networkReach } = addNetworkEdges(b, inv, pods, allNodes, memo);
  // A pod the inventory does not show (an attacker's own, `kubectl run`): its namespace's default
  // service account (token mounted unless that account says otherwise) and what a pod without
  // labels may connect to. Never edges of the graph: nothing else may reach through it.
  const newPodSources = new Map<string, TNewPodSources>();
  for (const ns of rbacCtx.namespaces) {
    newPodSources.set(ns, {
      identity: automount.get(`${ns}/default`) === false ? null : vid.serviceAccount(ns, "default"),
      network: networkReach({ namespace: ns, labels: {}, ports: [], hostNetwork: false }),
    });
  }

  const podInfos: TPodInfo[] = pods.map((p, i) => ({
    id: p.id,
    namespace: p.namespace,
    name: p.name,
    node: p.node,
    workload: records[i].workload,
    synthesized: p.synthesized,
    containers: p.containers.map((c) => c.id),
    labels: p.labels,
  }));
  podInfos.sort((x, y) => byString(x.id, y.id));
  const graph = b.freeze(opts.cluster, podInfos, workloads, newPodSources, opts.previous ?? null);
  const automountOf = (ns: string, name: string) => automount.get(`${ns}/${name}`) ?? undefined;
  // the context is for what-ifs on a scratch builder: never the live build's memo
  contexts.set(graph, { inv, pods, factsById: new Map(pods.map((p) => [p.id, p])), podCtx, rbacCtx: { ...rbacCtx, memo: null }, network, allNodes, controlPlane, automount: automountOf });
  return graph;
}

// Each pod's rules replayed from the last build where what they read is unchanged, else run and recorded.
function addPodPortionMemo(memo: BuildMemo, ctx: TPodContext, inv: TInventory, pods: readonly TPodFacts[]): void {
  memo.useSecrets(inv.secrets);
  const { b } = ctx;
  const last = memo.podsOnNode;
  const nodeSame = new Map<string, boolean>();
  const sameNode = (node: string) => {
    let same = nodeSame.get(node);
    if (same === undefined) nodeSame.set(node, (same = sameItems(last.get(node), ctx.podsOnNode.get(node))));
    return same;
  };
  for (const pod of pods) {
    const hit = memo.pods.get(pod);
    if (hit && (!hit.node || sameNode(pod.node)) && (hit.logs === undefined || ctx.canReadPodLogs(pod) === hit.logs)) {
      // a Secret known only by reference becomes an asset of this build too (before the replay names its vertex)
      for (const [ns, name] of hit.secrets) addReferencedSecret(b, ctx.secrets, ns, name);
      b.replay(hit.segment);
      memo.figures.replayed++;
      continue;
    }
    const reads = (ctx.reads = { secrets: [], node: false, logs: undefined });
    try {
      const segment = b.segment(() => {
        addPodEdges(ctx, pod);
        addEscapeEdges(ctx, pod);
      });
      memo.pods.set(pod, { segment, ...reads });
      memo.figures.recorded++;
    } finally {
      ctx.reads = null;
    }
  }
  memo.podsOnNode = ctx.podsOnNode;
}

// A live inventory's documents are the same objects from one run to the next (the analysis worker
// holds them): a pod's facts are read once, and again only if its service account's automount
// setting, the one thing outside the pod they read, has changed. Facts are never modified.
const factsCache = new WeakMap<object, { facts: TPodFacts; account: [string, string] | null; automount: boolean | undefined }>();

function podFacts(pod: TInventory["pods"][number], automount: (ns: string, name: string) => boolean | undefined, synthesized: boolean): TPodFacts {
  const hit = factsCache.get(pod);
  if (hit && hit.facts.synthesized === synthesized && (hit.account === null || automount(...hit.account) === hit.automount)) return hit.facts;
  let account: [string, string] | null = null;
  let looked: boolean | undefined;
  const facts = readPodFacts(
    pod,
    (ns, name) => {
      account = [ns, name];
      return (looked = automount(ns, name));
    },
    synthesized,
  );
  factsCache.set(pod, { facts, account, automount: looked });
  return facts;
}

/**
 * What the rules saw while building a graph, kept beside it (lib/remediation recomputes the edges
 * a change to one pod or one role can affect with the very same rules, never a copy of them).
 */
export interface TBuildContext {
  inv: TInventory;
  /** every pod's facts (synthesized ones included) */
  pods: readonly TPodFacts[];
  factsById: ReadonlyMap<string, TPodFacts>;
  podCtx: TPodContext;
  rbacCtx: TRbacContext;
  network: TNetworkModel;
  allNodes: readonly string[];
  controlPlane: string;
  automount(ns: string, name: string): boolean | undefined;
}

const contexts = new WeakMap<TAttackGraph, TBuildContext>();

/** The build context of a graph built by buildAttackGraph in this process; null for any other graph. */
export function buildContextOf(graph: TAttackGraph): TBuildContext | null {
  return contexts.get(graph) ?? null;
}

/**
 * The edges RBAC grants (PermissionSets, escalation through RBAC, nodes acting as their
 * identities), for the context's sets: the build runs it once; a what-if runs it on changed sets.
 */
export function addRbacPortion(rbacCtx: TRbacContext, allNodes: readonly string[], controlPlane: string): void {
  const { b, sets } = rbacCtx;
  addRbacEdges(rbacCtx);
  const users = [...new Set(sets.flatMap((ps) => ps.subjects.filter((s) => s.kind === "User").map((s) => s.name)))].sort(byString);
  const groups = [...new Set(sets.flatMap((ps) => ps.subjects.filter((s) => s.kind === "Group").map((s) => s.name)))].sort(byString);
  addEscalationEdges(rbacCtx, { users, groups }, controlPlane);
  // KubeHound IDENTITY_ASSUME.md (identity_assume_node.go): a node acts as system:node:<name> or the system:nodes group, when bound.
  for (const node of allNodes) {
    if (users.includes(`system:node:${node}`)) b.edge("IDENTITY_ASSUME", vid.node(node), vid.user(`system:node:${node}`));
    if (groups.includes("system:nodes")) b.edge("IDENTITY_ASSUME", vid.node(node), vid.group("system:nodes"));
  }
}

// Service accounts as objects, as pods name them, as bindings name them and as token Secrets name them.
function collectAccounts(inv: TInventory, pods: TPodFacts[], sets: TPermissionSet[], tokens: Map<string, { serviceAccount: string }[]>): TAccount[] {
  const seen = new Map<string, TAccount>();
  const add = (namespace: string, name: string) => seen.set(`${namespace}/${name}`, { namespace, name });
  for (const sa of inv.serviceAccounts) add(sa.metadata.namespace ?? "default", sa.metadata.name);
  for (const pod of pods) add(pod.namespace, pod.serviceAccount);
  for (const ps of sets) for (const s of ps.subjects) if (s.kind === "ServiceAccount" && s.namespace) add(s.namespace, s.name);
  for (const [ns, list] of tokens) for (const token of list) add(ns, token.serviceAccount);
  return [...seen.entries()].sort(([a], [b]) => byString(a, b)).map(([, account]) => account);
}

function collectNamespaces(inv: TInventory, accounts: TAccount[]): string[] {
  const names = new Set<string>(inv.namespaces.map((n) => n.metadata.name));
  const lists = [inv.pods, inv.controllers, inv.serviceAccounts, inv.roles, inv.roleBindings, inv.secrets, inv.services, inv.networkPolicies];
  for (const list of lists) for (const object of list) names.add(object.metadata.namespace ?? "default");
  for (const account of accounts) names.add(account.namespace);
  return [...names].sort(byString);
}

// CE_VAR_LOG_SYMLINK needs the pod's own identity to read its logs.
export function logReader(sets: TPermissionSet[]): (pod: TPodFacts) => boolean {
  return (pod) =>
    permissionSetsForServiceAccount(sets, pod.namespace, pod.serviceAccount).some((ps) =>
      allows(ps, { verb: "get", group: "", resource: "pods", subresource: "log", name: pod.name, namespace: pod.namespace }),
    );
}
