// Network edges: exposed endpoints (ENDPOINT_EXPLOIT), connections to sensitive services that
// NetworkPolicy allows (NETWORK_REACH) and the instance metadata service (IMDS_ACCESS).
import type { TInventory, TK8sObject } from "../inventory/types";
import { isAssetService } from "./assets";
import type { BuildMemo } from "./build-memo";
import { sameItems } from "./build-memo";
import type { GraphBuilder, TSegment } from "./graph-store";
import { vid } from "./ids";
import { connectionAllowed, egressAllowed, indexNetworkPolicies, type TNetPolIndex, type TPodRef } from "./netpol";
import { podIds, type TContainerFacts, type TPodFacts } from "./pod-facts";

const IMDS_IP = "169.254.169.254";
// A documentation address (RFC 5737) stands for a backend outside the cluster that the inventory does not show.
const UNKNOWN_EXTERNAL_IP = "192.0.2.1";

interface TBackend {
  /** a pod behind the Service, or an address (Endpoints, or unknown) */
  pod?: TPodRef;
  ip?: string;
  port: number;
  protocol: string;
}

interface TTarget {
  id: string;
  backends: TBackend[];
}

/** withIp: ipBlock peers match a pod by its address, when the inventory shows it. */
export function podRef(pod: TPodFacts, withIp: boolean): TPodRef {
  const ports = pod.containers.flatMap((c) => c.ports);
  return { namespace: pod.namespace, labels: pod.labels, ports, hostNetwork: pod.hostNetwork, ...(withIp && pod.ip ? { ip: pod.ip } : {}) };
}

// A source's address matters only to ingress ipBlock peers; without any, pods with equal labels share one answer.
function hasIngressIpBlock(inv: TInventory): boolean {
  return inv.networkPolicies.some((p) => (p.spec?.ingress ?? []).some((rule: { from?: { ipBlock?: unknown }[] | null }) => (rule?.from ?? []).some((peer) => !!peer?.ipBlock)));
}

const selects = (selector: Record<string, string> | null | undefined, pod: TPodFacts) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => pod.labels[k] === v);

/** Pods by "ns\0key=value": a Service selector is checked only against pods carrying its first label. */
function indexByLabel(pods: readonly TPodFacts[]): Map<string, TPodFacts[]> {
  const index = new Map<string, TPodFacts[]>();
  for (const pod of pods) {
    for (const key in pod.labels) {
      const k = `${pod.namespace}\0${key}=${pod.labels[key]}`;
      const list = index.get(k);
      if (list) list.push(pod);
      else index.set(k, [pod]);
    }
  }
  return index;
}

function selectedPods(byLabel: Map<string, TPodFacts[]>, service: TK8sObject): TPodFacts[] {
  const selector: Record<string, string> | null | undefined = service.spec?.selector;
  const first = selector ? Object.keys(selector)[0] : undefined;
  if (!selector || first === undefined) return [];
  const candidates = byLabel.get(`${service.metadata.namespace ?? "default"}\0${first}=${selector[first]}`) ?? [];
  return candidates.filter((pod) => selects(selector, pod));
}

/** The containers that serve a Service port on one pod: those declaring the target port, else every app container. */
function servingContainers(pod: TPodFacts, target: number | string): { containers: TContainerFacts[]; port: number | null } {
  const declaring = pod.containers.filter((c) => c.ports.some((p) => p.containerPort === target || p.name === target));
  const port = typeof target === "number" ? target : (declaring[0]?.ports.find((p) => p.name === target)?.containerPort ?? null);
  return { containers: declaring.length > 0 ? declaring : pod.containers.filter((c) => !c.init), port };
}

/**
 * Adds the network edges; returns what a pod the inventory does not show (namespace and labels
 * only) could reach over the network: the sensitive targets its policies let it connect to.
 */
/** What the network rules need besides the policies: the sensitive targets and their backends. */
export interface TNetworkModel {
  index: TNetPolIndex;
  targets: TTarget[];
  /** ingress ipBlock peers exist: a source's address matters */
  sourceIps: boolean;
}

export function addNetworkEdges(
  b: GraphBuilder,
  inv: TInventory,
  pods: readonly TPodFacts[],
  nodes: readonly string[],
  memo: BuildMemo | null = null,
): { model: TNetworkModel; newPodReach: (src: TPodRef) => string[] } {
  const index = indexNetworkPolicies(inv);
  const byLabel = indexByLabel(pods);
  for (const node of nodes) b.edge("IMDS_ACCESS", vid.node(node), vid.metadataService(node));
  const targets: TTarget[] = [];
  const services = new Map(inv.services.map((s) => [`${s.metadata.namespace ?? "default"}/${s.metadata.name}`, s]));
  for (const service of inv.services) {
    const selected = selectedPods(byLabel, service);
    if (memo) {
      const hit = memo.services.get(service);
      if (hit && sameItems(hit.selected, selected)) b.replay(hit.segment);
      else memo.services.set(service, { selected, segment: b.segment(() => addServiceEndpoints(b, service, selected)) });
    } else addServiceEndpoints(b, service, selected);
    if (isAssetService(service)) targets.push({ id: vid.service(service.metadata.namespace ?? "default", service.metadata.name), backends: backendsOf(inv, service, selected) });
  }
  for (const asset of inv.sensitiveAssets) {
    for (const ref of asset.services) {
      const [key, port] = ref.split(":");
      const service = services.get(key);
      if (service) targets.push({ id: vid.sensitiveAsset(asset.name), backends: backendsOf(inv, service, selectedPods(byLabel, service), port) });
    }
  }
  const model: TNetworkModel = { index, targets, sourceIps: hasIngressIpBlock(inv) };
  memo?.useNetwork({ policies: inv.networkPolicies, targets: JSON.stringify(targets), sourceIps: model.sourceIps });
  addSourceEdges(b, model, pods, memo?.sources);
  return { model, newPodReach: (src) => reachable(index, src, targets) };
}

/**
 * The edges out of these pods' containers (endpoints, metadata service, sensitive services) under
 * the model's policies: the build draws every pod; a what-if redraws the pods a new policy selects.
 */
export function addSourceEdges(b: GraphBuilder, model: TNetworkModel, sources: readonly TPodFacts[], segments?: WeakMap<TPodFacts, TSegment>): void {
  const { index, targets, sourceIps } = model;
  // As a source, a pod is its namespace, labels, hostNetwork and (for ipBlock peers) address.
  const memo = new Map<string, { reached: number[]; imds: boolean }>();
  for (const pod of sources) {
    const hit = segments?.get(pod);
    if (hit) {
      b.replay(hit);
      continue;
    }
    if (segments) segments.set(pod, b.segment(() => draw(pod)));
    else draw(pod);
  }

  function draw(pod: TPodFacts): void {
    const withIp = sourceIps || pod.hostNetwork;
    const key = sourceKey(pod, withIp);
    let source = memo.get(key);
    if (!source) {
      const ref = podRef(pod, withIp);
      const reached = reachable(index, ref, targets).map((id) => b.vertex(id));
      source = { reached, imds: pod.hostNetwork || egressAllowed(index, ref, { ip: IMDS_IP }, 80, "TCP") };
      memo.set(key, source);
    }
    const { reached, imds } = source;
    const ids = podIds(pod);
    const metadata = b.vertex(ids.metadataService);
    for (const c of pod.containers) {
      const from = b.vertex(c.id);
      // KubeHound ENDPOINT_EXPLOIT.md: each exposed container port is an endpoint.
      for (const p of c.ports) b.edge("ENDPOINT_EXPLOIT", ids.endpoint(p.name ?? p.containerPort), from);
      // DESIGN.md IMDS_ACCESS: 169.254.169.254 not blocked by egress policy, or hostNetwork.
      if (imds) b.edge("IMDS_ACCESS", from, metadata);
      // DESIGN.md NETWORK_REACH: both the source's egress and the target's ingress allow it.
      for (const target of reached) b.edge("NETWORK_REACH", from, target);
    }
  }
}

// A pod's key as a source, made once per facts object (a live run's facts outlive a build).
const sourceKeys = new WeakMap<TPodFacts, { plain?: string; withIp?: string }>();

function sourceKey(pod: TPodFacts, withIp: boolean): string {
  let keys = sourceKeys.get(pod);
  if (!keys) sourceKeys.set(pod, (keys = {}));
  const slot = withIp ? "withIp" : "plain";
  return (keys[slot] ??= JSON.stringify([pod.namespace, Object.entries(pod.labels).sort(), pod.hostNetwork, withIp ? (pod.ip ?? null) : null]));
}

function reachable(index: TNetPolIndex, src: TPodRef, targets: TTarget[]): string[] {
  const out: string[] = [];
  for (const target of targets) {
    const open = target.backends.some((backend) =>
      backend.pod
        ? connectionAllowed(index, src, backend.pod, backend.port, backend.protocol)
        : egressAllowed(index, src, { ip: backend.ip ?? UNKNOWN_EXTERNAL_IP }, backend.port, backend.protocol),
    );
    if (open) out.push(target.id);
  }
  return out;
}

// KubeHound ENDPOINT_EXPLOIT.md: a Service port is an endpoint of the containers behind it.
function addServiceEndpoints(b: GraphBuilder, service: TK8sObject, selected: TPodFacts[]): void {
  const ns = service.metadata.namespace ?? "default";
  for (const pod of selected) {
    for (const port of service.spec?.ports ?? []) {
      const { containers } = servingContainers(pod, port.targetPort ?? port.port);
      const endpoint = vid.endpoint(ns, service.metadata.name, port.name || port.port);
      for (const c of containers) b.edge("ENDPOINT_EXPLOIT", endpoint, c.id);
    }
  }
}

// Pods the selector picks (their resolved target ports), else Endpoints addresses, else an unknown outside address.
function backendsOf(inv: TInventory, service: TK8sObject, selected: TPodFacts[], only?: string): TBackend[] {
  const ns = service.metadata.namespace ?? "default";
  const ports = ((service.spec?.ports ?? []) as { port: number; name?: string; targetPort?: number | string; protocol?: string }[]).filter(
    (p) => only === undefined || String(p.port) === only || p.name === only,
  );
  const backends: TBackend[] = [];
  const seen = new Set<string>();
  for (const pod of selected) {
    for (const p of ports) {
      const port = servingContainers(pod, p.targetPort ?? p.port).port ?? p.port;
      const protocol = p.protocol ?? "TCP";
      const key = JSON.stringify([Object.entries(pod.labels).sort(), port, protocol, pod.ip ?? null]);
      if (seen.has(key)) continue;
      seen.add(key);
      backends.push({ pod: podRef(pod, true), port, protocol });
    }
  }
  if (backends.length > 0 || service.spec?.selector) return backends;
  const endpoints = inv.endpoints.find((e) => e.metadata.name === service.metadata.name && (e.metadata.namespace ?? "default") === ns);
  const ips: string[] = (endpoints?.subsets ?? []).flatMap((s: { addresses?: { ip?: string }[] }) => (s.addresses ?? []).map((a) => a.ip ?? "")).filter(Boolean);
  for (const p of ports) {
    const port = typeof p.targetPort === "number" ? p.targetPort : p.port;
    for (const ip of ips.length > 0 ? ips : [UNKNOWN_EXTERNAL_IP]) backends.push({ ip, port, protocol: p.protocol ?? "TCP" });
  }
  return backends;
}
