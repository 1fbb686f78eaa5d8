// NetworkPolicy as Kubernetes evaluates it: whether a pod may open a connection to another pod or
// an address, given the egress policies of the source and the ingress policies of the target.
import type { TInventory } from "../inventory/types";
import { compileNetworkPolicies, ipBlockContains, namespaceLabelsOf, type TCompiledPeer, type TCompiledPolicy, type TCompiledPort, type TNetPolIndex } from "./netpol-compile";

export type { TNetPolIndex } from "./netpol-compile";

export interface TPodRef {
  namespace: string;
  labels: Record<string, string>;
  /** container ports, for named ports */
  ports: { name?: string; containerPort: number; protocol: string }[];
  hostNetwork?: boolean;
  ip?: string;
}

type TPeerRef = { pod: TPodRef } | { ip: string };

/** Compiles every policy once; namespace labels come from Namespace objects plus kubernetes.io/metadata.name. */
export function indexNetworkPolicies(inv: TInventory): TNetPolIndex {
  return compileNetworkPolicies(inv);
}

const NONE: readonly TCompiledPolicy[] = [];

// Policies select pods of their own namespace only. Cached per TPodRef object: the graph asks
// about the same pod for many targets.
function policiesSelecting(idx: TNetPolIndex, pod: TPodRef): readonly TCompiledPolicy[] {
  const cached = idx.selections.get(pod);
  if (cached) return cached;
  const candidates = idx.policiesByNamespace.get(pod.namespace);
  const selected = candidates ? candidates.filter((policy) => policy.selects(pod.labels)) : NONE;
  idx.selections.set(pod, selected);
  return selected;
}

/**
 * A pod selected by no policy governing egress may send anywhere; once selected, only what some
 * rule of some selecting policy allows (rules add up, no policy takes anything away).
 * hostNetwork pods are not subject to NetworkPolicy.
 * Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
export function egressAllowed(idx: TNetPolIndex, src: TPodRef, dst: TPeerRef, port: number, protocol?: string): boolean {
  if (src.hostNetwork) return true;
  const proto = normalizeProtocol(protocol);
  const target = "pod" in dst ? dst.pod : null;
  let isolated = false;
  for (const policy of policiesSelecting(idx, src)) {
    if (policy.egress === null) continue;
    isolated = true;
    for (const rule of policy.egress) {
      if (portsMatch(rule.ports, port, proto, target) && peersMatch(idx, rule.peers, policy.namespace, dst)) return true;
    }
  }
  return !isolated;
}

/** The ingress side of the same rules: named ports resolve against the receiving pod. */
export function ingressAllowed(idx: TNetPolIndex, dst: TPodRef, src: TPeerRef, port: number, protocol?: string): boolean {
  if (dst.hostNetwork) return true;
  const proto = normalizeProtocol(protocol);
  let isolated = false;
  for (const policy of policiesSelecting(idx, dst)) {
    if (policy.ingress === null) continue;
    isolated = true;
    for (const rule of policy.ingress) {
      if (portsMatch(rule.ports, port, proto, dst) && peersMatch(idx, rule.peers, policy.namespace, src)) return true;
    }
  }
  return !isolated;
}

/**
 * A connection needs both: the source's egress and the destination's ingress.
 * Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
 */
export function connectionAllowed(idx: TNetPolIndex, src: TPodRef, dst: TPodRef, port: number, protocol?: string): boolean {
  return egressAllowed(idx, src, { pod: dst }, port, protocol) && ingressAllowed(idx, dst, { pod: src }, port, protocol);
}

/** Equal for pods selected by exactly the same policies, whose own egress and ingress rules are therefore the same. */
export function policySelectionKey(idx: TNetPolIndex, pod: TPodRef): string {
  if (pod.hostNetwork) return "hostNetwork";
  const policies = policiesSelecting(idx, pod);
  return policies.length === 0 ? "none" : policies.map((policy) => policy.id).join(",");
}

const normalizeProtocol = (protocol: string | undefined) => (protocol ? protocol.toUpperCase() : "TCP");

// A named port matches when the destination pod has a container port of that name and protocol
// on the requested number; an address with no pod has no named ports.
// Source: https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicyPort
function portsMatch(ports: TCompiledPort[] | null, port: number, protocol: string, destination: TPodRef | null): boolean {
  if (ports === null) return true;
  for (const entry of ports) {
    if (entry.protocol !== protocol) continue;
    if (entry.name !== null) {
      if (destination && hasNamedPort(destination, entry.name, protocol, port)) return true;
    } else if (entry.port === null) {
      return true;
    } else if (entry.endPort !== null ? port >= entry.port && port <= entry.endPort : port === entry.port) {
      return true;
    }
  }
  return false;
}

function hasNamedPort(pod: TPodRef, name: string, protocol: string, port: number): boolean {
  for (const containerPort of pod.ports) {
    if (containerPort.name === name && containerPort.containerPort === port && normalizeProtocol(containerPort.protocol) === protocol) return true;
  }
  return false;
}

// ipBlock peers match addresses: an address target, or a pod whose IP is known and inside the
// block. Selector peers match pods only.
// Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource
function peersMatch(idx: TNetPolIndex, peers: TCompiledPeer[] | null, policyNamespace: string, target: TPeerRef): boolean {
  if (peers === null) return true;
  const pod = "pod" in target ? target.pod : null;
  const address = pod ? pod.ip : (target as { ip: string }).ip;
  for (const peer of peers) {
    if (peer.kind === "ipBlock") {
      if (address && ipBlockContains(idx, peer, address)) return true;
    } else if (peer.kind === "pods" && pod) {
      const inNamespace = peer.namespaces ? namespaceMatches(idx, peer.namespaces, peer.namespaceVerdicts, pod.namespace) : pod.namespace === policyNamespace;
      if (inNamespace && (peer.pods === null || peer.pods(pod.labels))) return true;
    }
  }
  return false;
}

function namespaceMatches(idx: TNetPolIndex, matcher: (labels: Record<string, string>) => boolean, verdicts: Map<string, boolean>, namespace: string): boolean {
  let verdict = verdicts.get(namespace);
  if (verdict === undefined) {
    verdict = matcher(namespaceLabelsOf(idx, namespace));
    verdicts.set(namespace, verdict);
  }
  return verdict;
}
