// Compiles an inventory's NetworkPolicies once: selectors become matchers, ports and peers typed
// records, policies are grouped by namespace, so checking one connection allocates nothing.
import { cidrContains, parseCidr, parseIp, type TCidr, type TIpAddress } from "../inventory/ip-cidr";
import { compileLabelSelector, type TLabelMatcher, type TLabelSelector } from "../inventory/label-selector";
import type { TInventory, TK8sObject, TLabels } from "../inventory/types";

export interface TCompiledPort {
  protocol: string;
  /** null with name null = every port of the protocol */
  port: number | null;
  endPort: number | null;
  /** a named port, resolved against the destination pod's container ports */
  name: string | null;
}

export type TCompiledPeer =
  | { kind: "ipBlock"; cidr: TCidr | null; except: TCidr[] }
  | { kind: "pods"; namespaces: TLabelMatcher | null; pods: TLabelMatcher | null; namespaceVerdicts: Map<string, boolean> }
  | { kind: "none" };

export interface TCompiledRule {
  /** null = every port (the rule lists none) */
  ports: TCompiledPort[] | null;
  /** null = every peer (the rule lists none) */
  peers: TCompiledPeer[] | null;
}

export interface TCompiledPolicy {
  /** "<namespace>/<name>" */
  id: string;
  namespace: string;
  selects: TLabelMatcher;
  /** null = the policy does not govern this direction; [] = it denies all */
  ingress: TCompiledRule[] | null;
  egress: TCompiledRule[] | null;
}

/** Opaque to callers: build it with indexNetworkPolicies. */
export interface TNetPolIndex {
  readonly policiesByNamespace: ReadonlyMap<string, readonly TCompiledPolicy[]>;
  readonly namespaceLabels: ReadonlyMap<string, TLabels>;
  /** TPodRef object → the policies selecting it */
  readonly selections: WeakMap<object, readonly TCompiledPolicy[]>;
  readonly addresses: Map<string, TIpAddress | null>;
}

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export function compileNetworkPolicies(inv: Pick<TInventory, "namespaces" | "networkPolicies">): TNetPolIndex {
  // Every namespace carries kubernetes.io/metadata.name=<name>, set by the API server.
  // Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-namespace-by-its-name
  const namespaceLabels = new Map<string, TLabels>();
  for (const ns of inv.namespaces) namespaceLabels.set(ns.metadata.name, { ...ns.metadata.labels, [NAMESPACE_NAME_LABEL]: ns.metadata.name });

  const policiesByNamespace = new Map<string, TCompiledPolicy[]>();
  const sorted = [...inv.networkPolicies].sort((a, b) => compareText(policyId(a), policyId(b)));
  for (const policy of sorted) {
    const compiled = compilePolicy(policy);
    const list = policiesByNamespace.get(compiled.namespace);
    if (list) list.push(compiled);
    else policiesByNamespace.set(compiled.namespace, [compiled]);
  }
  return { policiesByNamespace, namespaceLabels, selections: new WeakMap(), addresses: new Map() };
}

/** The index with one more policy (a what-if): the others stay compiled, the selection caches start empty. */
export function withPolicy(index: TNetPolIndex, policy: TK8sObject): TNetPolIndex {
  const compiled = compilePolicy(policy);
  const policiesByNamespace = new Map(index.policiesByNamespace);
  policiesByNamespace.set(compiled.namespace, [...(index.policiesByNamespace.get(compiled.namespace) ?? []), compiled]);
  return { policiesByNamespace, namespaceLabels: index.namespaceLabels, selections: new WeakMap(), addresses: index.addresses };
}

const policyId = (policy: TK8sObject) => `${policy.metadata.namespace ?? "default"}/${policy.metadata.name}`;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Without policyTypes, a policy governs Ingress, and Egress only if it lists egress rules.
// Source: https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec
function compilePolicy(policy: TK8sObject): TCompiledPolicy {
  const spec = policy.spec ?? {};
  const ingressRules: { from?: unknown[] | null; ports?: unknown[] | null }[] = spec.ingress ?? [];
  const egressRules: { to?: unknown[] | null; ports?: unknown[] | null }[] = spec.egress ?? [];
  const declared: string[] = spec.policyTypes ?? [];
  const types = declared.length > 0 ? declared : egressRules.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  return {
    id: policyId(policy),
    namespace: policy.metadata.namespace ?? "default",
    // An empty podSelector selects every pod in the policy's namespace.
    selects: compileLabelSelector(spec.podSelector ?? {}),
    ingress: types.includes("Ingress") ? ingressRules.map((rule) => compileRule(rule?.from, rule?.ports)) : null,
    egress: types.includes("Egress") ? egressRules.map((rule) => compileRule(rule?.to, rule?.ports)) : null,
  };
}

// An empty or missing from/to matches every peer; empty or missing ports match every port.
// Source: https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicyIngressRule
function compileRule(peers: unknown[] | null | undefined, ports: unknown[] | null | undefined): TCompiledRule {
  return {
    peers: peers && peers.length > 0 ? peers.map((peer) => compilePeer(peer as TPeer)) : null,
    ports: ports && ports.length > 0 ? ports.map((port) => compilePort(port as TPort)) : null,
  };
}

interface TPeer {
  podSelector?: TLabelSelector | null;
  namespaceSelector?: TLabelSelector | null;
  ipBlock?: { cidr?: string; except?: string[] | null } | null;
}

// podSelector alone: pods of the policy's namespace; namespaceSelector alone: every pod of the
// matching namespaces; both in one peer: the pods matching both (AND).
// Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
function compilePeer(peer: TPeer | null): TCompiledPeer {
  if (peer?.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr ?? "");
    const except = (peer.ipBlock.except ?? []).map(parseCidr).filter((block): block is TCidr => block !== null);
    return { kind: "ipBlock", cidr, except };
  }
  if (!peer?.podSelector && !peer?.namespaceSelector) return { kind: "none" };
  return {
    kind: "pods",
    namespaces: peer.namespaceSelector ? compileLabelSelector(peer.namespaceSelector) : null,
    pods: peer.podSelector ? compileLabelSelector(peer.podSelector) : null,
    namespaceVerdicts: new Map(),
  };
}

interface TPort {
  protocol?: string | null;
  port?: number | string | null;
  endPort?: number | null;
}

// protocol defaults to TCP; no port means every port; endPort makes a range from a numeric port.
// Source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports
function compilePort(entry: TPort | null): TCompiledPort {
  const protocol = (entry?.protocol ?? "TCP").toUpperCase();
  const raw = entry?.port;
  if (raw === null || raw === undefined) return { protocol, port: null, endPort: null, name: null };
  if (typeof raw === "number" || /^\d+$/.test(raw)) {
    const port = Number(raw);
    return { protocol, port, endPort: typeof entry?.endPort === "number" ? entry.endPort : null, name: null };
  }
  return { protocol, port: null, endPort: null, name: raw };
}

/** Labels of a namespace, with the implicit name label even when the inventory has no Namespace object. */
export function namespaceLabelsOf(index: TNetPolIndex, namespace: string): TLabels {
  return index.namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
}

/** An ipBlock holds an address inside its cidr and outside every except block. */
export function ipBlockContains(index: TNetPolIndex, peer: { cidr: TCidr | null; except: TCidr[] }, address: string): boolean {
  let ip = index.addresses.get(address);
  if (ip === undefined) {
    ip = parseIp(address);
    index.addresses.set(address, ip);
  }
  if (ip === null || peer.cidr === null || !cidrContains(peer.cidr, ip)) return false;
  for (const block of peer.except) if (cidrContains(block, ip)) return false;
  return true;
}
