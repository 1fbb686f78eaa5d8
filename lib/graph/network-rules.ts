// Network edges: exposed endpoints (ENDPOINT_EXPLOIT), connections to sensitive services that
// NetworkPolicy allows (NETWORK_REACH) and the instance metadata service (IMDS_ACCESS).
import type { TInventory, TK8sObject } from "../inventory/types";
import { isAssetService } from "./assets";
import type { GraphBuilder } from "./graph-store";
import { vid } from "./ids";
import { connectionAllowed, egressAllowed, indexNetworkPolicies, type TNetPolIndex, type TPodRef } from "./netpol";
import type { TContainerFacts, TPodFacts } from "./pod-facts";

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

/** The containers that serve a Service port on one pod: those declaring the target port, else every app container. */
function servingContainers(pod: TPodFacts, target: number | string): { containers: TContainerFacts[]; port: number | null } {
  const declaring = pod.containers.filter((c) => c.ports.some((p) => p.containerPort === target || p.name === target));
  const port = typeof target === "number" ? target : (declaring[0]?.ports.find((p) => p.name === target)?.containerPort ?? null);
  return { containers: declaring.length > 0 ? declaring : pod.containers.filter((c) => !c.init), port };
}

export function addNetworkEdges(b: GraphBuilder, inv: TInventory, pods: TPodFacts[], podsByNs: Map<string, TPodFacts[]>, nodes: string[]): void {
  const index = indexNetworkPolicies(inv);
  for (const node of nodes) b.edge("IMDS_ACCESS", vid.node(node), vid.metadataService(node));
  const targets: TTarget[] = [];
  const services = new Map(inv.services.map((s) => [`${s.metadata.namespace ?? "default"}/${s.metadata.name}`, s]));
  for (const service of inv.services) {
    addServiceEndpoints(b, service, podsByNs);
    if (isAssetService(service)) targets.push({ id: vid.service(service.metadata.namespace ?? "default", service.metadata.name), backends: backendsOf(inv, service, podsByNs) });
  }
  for (const asset of inv.sensitiveAssets) {
    for (const ref of asset.services) {
      const [key, port] = ref.split(":");
      const service = services.get(key);
      if (service) targets.push({ id: vid.sensitiveAsset(asset.name), backends: backendsOf(inv, service, podsByNs, port) });
    }
  }
  const memo = new Map<string, string[]>();
  const sourceIps = hasIngressIpBlock(inv);
  for (const pod of pods) {
    const ref = podRef(pod, sourceIps || pod.hostNetwork);
    const key = JSON.stringify([ref.namespace, Object.entries(ref.labels).sort(), ref.hostNetwork, ref.ip ?? null]);
    let reached = memo.get(key);
    if (!reached) memo.set(key, (reached = reachable(index, ref, targets)));
    const imds = pod.hostNetwork || egressAllowed(index, ref, { ip: IMDS_IP }, 80, "TCP");
    for (const c of pod.containers) {
      // KubeHound ENDPOINT_EXPLOIT.md: each exposed container port is an endpoint.
      for (const p of c.ports) b.edge("ENDPOINT_EXPLOIT", vid.endpoint(pod.namespace, pod.name, p.name ?? p.containerPort), c.id);
      // DESIGN.md IMDS_ACCESS: 169.254.169.254 not blocked by egress policy, or hostNetwork.
      if (imds) b.edge("IMDS_ACCESS", c.id, vid.metadataService(pod.node));
      // DESIGN.md NETWORK_REACH: both the source's egress and the target's ingress allow it.
      for (const target of reached) b.edge("NETWORK_REACH", c.id, target);
    }
  }
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
function addServiceEndpoints(b: GraphBuilder, service: TK8sObject, podsByNs: Map<string, TPodFacts[]>): void {
  const ns = service.metadata.namespace ?? "default";
  for (const pod of podsByNs.get(ns) ?? []) {
    if (!selects(service.spec?.selector, pod)) continue;
    for (const port of service.spec?.ports ?? []) {
      const { containers } = servingContainers(pod, port.targetPort ?? port.port);
      const endpoint = vid.endpoint(ns, service.metadata.name, port.name || port.port);
      for (const c of containers) b.edge("ENDPOINT_EXPLOIT", endpoint, c.id);
    }
  }
}

// Pods the selector picks (their resolved target ports), else Endpoints addresses, else an unknown outside address.
function backendsOf(inv: TInventory, service: TK8sObject, podsByNs: Map<string, TPodFacts[]>, only?: string): TBackend[] {
  const ns = service.metadata.namespace ?? "default";
  const ports = ((service.spec?.ports ?? []) as { port: number; name?: string; targetPort?: number | string; protocol?: string }[]).filter(
    (p) => only === undefined || String(p.port) === only || p.name === only,
  );
  const backends: TBackend[] = [];
  const seen = new Set<string>();
  for (const pod of podsByNs.get(ns) ?? []) {
    if (!selects(service.spec?.selector, pod)) continue;
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
