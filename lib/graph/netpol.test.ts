import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import type { TInventory, TK8sObject } from "../inventory/types";
import { connectionAllowed, egressAllowed, indexNetworkPolicies, ingressAllowed, policySelectionKey, type TPodRef } from "./netpol";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const fromYaml = (text: string) => parseInventory([{ name: "policies.yaml", text }]);
const index = (text: string) => indexNetworkPolicies(fromYaml(text));
const pod = (namespace: string, labels: Record<string, string>, extra: Partial<TPodRef> = {}): TPodRef => ({ namespace, labels, ports: [], ...extra });

describe("isolation and defaults", () => {
  const web = pod("default", { app: "website" });
  const other = pod("default", { app: "other" });

  it("allows everything when no policy selects the pod", () => {
    const idx = index("kind: Namespace\nmetadata: {name: default}\n");
    expect(connectionAllowed(idx, web, other, 80)).toBe(true);
    expect(egressAllowed(idx, web, { ip: "169.254.169.254" }, 80)).toBe(true);
  });

  it("denies all ingress with kubernetes-goat's website-deny (ingress: []), and nothing else", () => {
    const inv = parseInventory([{ name: "deny.yaml", text: readFileSync(FIXTURES + "kubernetes-goat/docs_extracted/scenario-20-website-deny-networkpolicy.yaml", "utf8") }]);
    const idx = indexNetworkPolicies(inv);
    expect(ingressAllowed(idx, web, { pod: other }, 80)).toBe(false);
    expect(ingressAllowed(idx, web, { ip: "10.0.0.1" }, 80)).toBe(false);
    expect(egressAllowed(idx, web, { pod: other }, 80)).toBe(true);
    expect(connectionAllowed(idx, other, web, 80)).toBe(false);
    expect(connectionAllowed(idx, web, other, 80)).toBe(true);
    // the policy lives in default: the same labels elsewhere are not selected
    expect(ingressAllowed(idx, pod("prod", { app: "website" }), { pod: other }, 80)).toBe(true);
  });

  it("governs only egress with policyTypes [Egress]; an empty egress list denies all", () => {
    const idx = index("kind: NetworkPolicy\nmetadata: {name: no-egress}\nspec: {podSelector: {}, policyTypes: [Egress]}\n");
    expect(egressAllowed(idx, web, { pod: other }, 443)).toBe(false);
    expect(egressAllowed(idx, web, { ip: "8.8.8.8" }, 53, "UDP")).toBe(false);
    expect(ingressAllowed(idx, web, { pod: other }, 443)).toBe(true);
  });

  it("defaults policyTypes to Ingress, plus Egress when egress rules are present", () => {
    const withEgress = index("kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  egress: [{ports: [{port: 53, protocol: UDP}]}]\n");
    expect(egressAllowed(withEgress, web, { ip: "10.0.0.10" }, 53, "UDP")).toBe(true);
    expect(egressAllowed(withEgress, web, { ip: "10.0.0.10" }, 53, "TCP")).toBe(false);
    expect(ingressAllowed(withEgress, web, { pod: other }, 80)).toBe(false);
    const emptyEgress = index("kind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}, egress: []}\n");
    expect(egressAllowed(emptyEgress, web, { pod: other }, 80)).toBe(true);
    expect(ingressAllowed(emptyEgress, web, { pod: other }, 80)).toBe(false);
  });

  it("adds up the rules of every selecting policy", () => {
    const idx = index(
      "kind: NetworkPolicy\nmetadata: {name: a}\nspec: {podSelector: {}, ingress: [{ports: [{port: 80}]}]}\n---\nkind: NetworkPolicy\nmetadata: {name: b}\nspec: {podSelector: {matchLabels: {app: website}}, ingress: [{ports: [{port: 443}]}]}\n",
    );
    expect(ingressAllowed(idx, web, { pod: other }, 80)).toBe(true);
    expect(ingressAllowed(idx, web, { pod: other }, 443)).toBe(true);
    expect(ingressAllowed(idx, other, { pod: web }, 443)).toBe(false);
    expect(ingressAllowed(idx, web, { pod: other }, 8080)).toBe(false);
  });

  it("does not apply to hostNetwork pods", () => {
    const idx = index("kind: NetworkPolicy\nmetadata: {name: all}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n");
    const host = pod("default", { app: "website" }, { hostNetwork: true });
    expect(egressAllowed(idx, host, { ip: "169.254.169.254" }, 80)).toBe(true);
    expect(ingressAllowed(idx, host, { pod: other }, 22)).toBe(true);
    expect(connectionAllowed(idx, web, other, 80)).toBe(false);
  });
});

describe("peers", () => {
  const policy = (from: string) => `
kind: Namespace
metadata: {name: monitoring, labels: {team: ops}}
---
kind: NetworkPolicy
metadata: {name: db, namespace: payments}
spec:
  podSelector: {matchLabels: {app: postgres}}
  ingress: [{from: ${from}}]
`;
  const db = pod("payments", { app: "postgres" });
  const api = pod("payments", { app: "api" });
  const promInOps = pod("monitoring", { app: "prometheus" });
  const grafanaInOps = pod("monitoring", { app: "grafana" });
  const promElsewhere = pod("default", { app: "prometheus" });

  it("podSelector alone means pods of the policy's namespace", () => {
    const idx = index(policy("[{podSelector: {matchLabels: {app: api}}}]"));
    expect(ingressAllowed(idx, db, { pod: api }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: pod("default", { app: "api" }) }, 5432)).toBe(false);
  });

  it("namespaceSelector alone means every pod of the matching namespaces", () => {
    const idx = index(policy("[{namespaceSelector: {matchLabels: {team: ops}}}]"));
    expect(ingressAllowed(idx, db, { pod: grafanaInOps }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: api }, 5432)).toBe(false);
  });

  it("namespaceSelector and podSelector in ONE peer: both must match", () => {
    const idx = index(policy("[{namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchLabels: {app: prometheus}}}]"));
    expect(ingressAllowed(idx, db, { pod: promInOps }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: grafanaInOps }, 5432)).toBe(false);
    expect(ingressAllowed(idx, db, { pod: promElsewhere }, 5432)).toBe(false);
  });

  it("namespaceSelector and podSelector in TWO peers: either may match", () => {
    const idx = index(policy("[{namespaceSelector: {matchLabels: {team: ops}}}, {podSelector: {matchLabels: {app: prometheus}}}]"));
    expect(ingressAllowed(idx, db, { pod: grafanaInOps }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: pod("payments", { app: "prometheus" }) }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: promElsewhere }, 5432)).toBe(false);
  });

  it("knows every namespace by kubernetes.io/metadata.name, with or without a Namespace object", () => {
    const idx = index(policy("[{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [monitoring, default]}]}}]"));
    expect(ingressAllowed(idx, db, { pod: promInOps }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: promElsewhere }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: api }, 5432)).toBe(false);
  });

  it("evaluates matchExpressions in podSelector and namespaceSelector: {} as all namespaces", () => {
    const idx = index(policy("[{namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [grafana]}, {key: app, operator: Exists}]}}]"));
    expect(ingressAllowed(idx, db, { pod: promElsewhere }, 5432)).toBe(true);
    expect(ingressAllowed(idx, db, { pod: grafanaInOps }, 5432)).toBe(false);
    expect(ingressAllowed(idx, db, { pod: pod("default", {}) }, 5432)).toBe(false);
  });

  it("matches ipBlock with except on addresses: 0.0.0.0/0 except the metadata service", () => {
    const idx = index("kind: NetworkPolicy\nmetadata: {name: no-imds}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]\n");
    const app = pod("default", { app: "x" });
    expect(egressAllowed(idx, app, { ip: "169.254.169.254" }, 80)).toBe(false);
    expect(egressAllowed(idx, app, { ip: "169.254.169.253" }, 80)).toBe(true);
    expect(egressAllowed(idx, app, { ip: "8.8.8.8" }, 53, "UDP")).toBe(true);
    expect(egressAllowed(idx, app, { ip: "fd00::1" }, 80)).toBe(false);
    // a pod matches an ipBlock only when its IP is known and inside
    expect(egressAllowed(idx, app, { pod: pod("other", {}) }, 80)).toBe(false);
    expect(egressAllowed(idx, app, { pod: pod("other", {}, { ip: "10.1.2.3" }) }, 80)).toBe(true);
  });

  it("does CIDR math on prefixes that are not byte-aligned, and on IPv6", () => {
    const idx = index("kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/12, except: [10.8.0.0/13]}}, {ipBlock: {cidr: 'fd00:ab::/32'}}]}]\n");
    const app = pod("default", {});
    expect(egressAllowed(idx, app, { ip: "10.7.255.255" }, 80)).toBe(true);
    expect(egressAllowed(idx, app, { ip: "10.8.0.0" }, 80)).toBe(false);
    expect(egressAllowed(idx, app, { ip: "10.16.0.0" }, 80)).toBe(false);
    expect(egressAllowed(idx, app, { ip: "fd00:ab:1::9" }, 80)).toBe(true);
    expect(egressAllowed(idx, app, { ip: "fd00:ac::9" }, 80)).toBe(false);
  });
});

describe("ports", () => {
  const server = pod("default", { app: "server" }, { ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }, { name: "dns", containerPort: 53, protocol: "UDP" }] });
  const client = pod("default", { app: "client" });

  it("resolves named ports against the destination pod's container ports", () => {
    const idx = index("kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: http}, {port: dns, protocol: UDP}]}]\n  egress: [{ports: [{port: http}]}]\n");
    expect(ingressAllowed(idx, server, { pod: client }, 8080)).toBe(true);
    expect(ingressAllowed(idx, server, { pod: client }, 80)).toBe(false);
    expect(ingressAllowed(idx, server, { pod: client }, 53, "udp")).toBe(true);
    expect(ingressAllowed(idx, server, { pod: client }, 53, "TCP")).toBe(false);
    expect(ingressAllowed(idx, client, { pod: server }, 8080)).toBe(false);
    expect(egressAllowed(idx, client, { pod: server }, 8080)).toBe(true);
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 8080)).toBe(false);
  });

  it("treats endPort as an inclusive range and protocol as TCP by default", () => {
    const idx = index("kind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{ports: [{port: 32000, endPort: 32768}, {protocol: UDP}]}]\n");
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 32000)).toBe(true);
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 32768)).toBe(true);
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 32769)).toBe(false);
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 31999)).toBe(false);
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 32100, "SCTP")).toBe(false);
    expect(egressAllowed(idx, client, { ip: "10.0.0.1" }, 9999, "UDP")).toBe(true);
  });
});

describe("real policies", () => {
  const dir = "inventory/kube-prometheus";
  const inv: TInventory = parseInventory(readdirSync(FIXTURES + dir).map((file) => ({ name: file, text: readFileSync(`${FIXTURES}${dir}/${file}`, "utf8") })));
  const idx = indexNetworkPolicies(inv);
  const fromTemplate = (name: string): TPodRef => {
    const controller = inv.controllers.find((c: TK8sObject) => c.metadata.name === name)!;
    const template = controller.spec.template;
    return pod(controller.metadata.namespace!, template.metadata.labels, { ports: template.spec.containers.flatMap((c: { ports?: TPodRef["ports"] }) => c.ports ?? []) });
  };
  const prometheus = pod("monitoring", { "app.kubernetes.io/component": "prometheus", "app.kubernetes.io/instance": "k8s", "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/part-of": "kube-prometheus" });
  const grafana = fromTemplate("grafana");
  const stranger = pod("default", { app: "curl" });

  it("lets Prometheus scrape the exporters and Grafana query Prometheus, and nobody else in", () => {
    expect(connectionAllowed(idx, prometheus, fromTemplate("node-exporter"), 9100)).toBe(true);
    expect(connectionAllowed(idx, grafana, prometheus, 9090)).toBe(true);
    expect(connectionAllowed(idx, grafana, prometheus, 8080)).toBe(false);
    expect(connectionAllowed(idx, prometheus, grafana, 3000)).toBe(true);
    expect(connectionAllowed(idx, stranger, grafana, 3000)).toBe(false);
    expect(connectionAllowed(idx, stranger, prometheus, 9090)).toBe(false);
    // egress: [{}] allows every destination, the metadata service included
    expect(egressAllowed(idx, grafana, { ip: "169.254.169.254" }, 80)).toBe(true);
  });

  it("groups pods by the policies that select them", () => {
    expect(policySelectionKey(idx, grafana)).toBe("monitoring/grafana");
    expect(policySelectionKey(idx, prometheus)).toBe("monitoring/prometheus-k8s");
    expect(policySelectionKey(idx, { ...grafana })).toBe(policySelectionKey(idx, grafana));
    expect(policySelectionKey(idx, stranger)).toBe("none");
    expect(policySelectionKey(idx, { ...grafana, hostNetwork: true })).toBe("hostNetwork");
  });

  it("admits argo-cd's redis clients from the listed pods only (three peers, OR)", () => {
    const argo = indexNetworkPolicies(parseInventory([{ name: "argocd.yaml", text: readFileSync(FIXTURES + "inventory/argocd-install-no-crds.yaml", "utf8") }]));
    const redis = pod("default", { "app.kubernetes.io/name": "argocd-redis" });
    expect(ingressAllowed(argo, redis, { pod: pod("default", { "app.kubernetes.io/name": "argocd-repo-server" }) }, 6379)).toBe(true);
    expect(ingressAllowed(argo, redis, { pod: pod("default", { "app.kubernetes.io/name": "argocd-dex-server" }) }, 6379)).toBe(false);
    expect(ingressAllowed(argo, redis, { pod: pod("default", { "app.kubernetes.io/name": "argocd-server" }) }, 6380)).toBe(false);
  });

  it("answers 25,000 pods against a handful of policies quickly", () => {
    const pods = Array.from({ length: 25_000 }, (_, i) => pod(i % 2 ? "monitoring" : `ns-${i % 50}`, { "app.kubernetes.io/name": i % 3 ? "prometheus" : "other" }));
    const started = performance.now();
    let allowed = 0;
    for (const source of pods) if (connectionAllowed(idx, source, prometheus, 9090)) allowed++;
    for (const source of pods) if (egressAllowed(idx, source, { ip: "169.254.169.254" }, 80)) allowed++;
    expect(allowed).toBeGreaterThan(25_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
