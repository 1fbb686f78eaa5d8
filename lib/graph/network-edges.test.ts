import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";

// A small cluster: a web and an api pod in "shop", a database behind an asset Service in "data",
// all on node-a; each case adds NetworkPolicies (or cloud documents) to it.
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {tier: front}}
---
apiVersion: v1
kind: Namespace
metadata: {name: data}
---
apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {nodeName: node-a, containers: [{name: web, image: nginx}]}
status: {podIP: 10.1.0.10}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {nodeName: node-a, containers: [{name: api, image: api}]}
status: {podIP: 10.1.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: data, labels: {app: db}}
spec: {nodeName: node-a, automountServiceAccountToken: false, containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
status: {podIP: 10.1.0.20}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data, annotations: {blastradius.dev/sensitivity: critical}}
spec: {selector: {app: db}, ports: [{name: pg, port: 5432, targetPort: pg}]}
`;

function reach(extra = "") {
  const inv = parseInventory([{ name: "net.yaml", text: BASE + extra }]);
  const graph = buildAttackGraph(inv, { cluster: "c" });
  const edges = [...graph.edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
  const network = (pod: string) => edges.filter((e) => e.startsWith(`Container/shop/${pod}/`) && / (NETWORK_REACH|IMDS_ACCESS) /.test(e)).map((e) => e.split(" ").slice(1).join(" "));
  return { inv, graph, edges, network };
}

const policy = (ns: string, name: string, spec: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: ${spec}\n`;

describe("NETWORK_REACH and IMDS_ACCESS", () => {
  it("with no policy every pod reaches the asset Service and the metadata service; the node always does", () => {
    const { network, edges } = reach();
    expect(network("web")).toEqual(["IMDS_ACCESS MetadataService/node-a", "NETWORK_REACH Service/data/db"]);
    expect(edges).toContain("Node/node-a IMDS_ACCESS MetadataService/node-a");
  });

  it("a default-deny ingress policy on the database cuts every path to it", () => {
    const { network } = reach(policy("data", "deny", "{podSelector: {}, ingress: []}"));
    expect(network("web")).toEqual(["IMDS_ACCESS MetadataService/node-a"]);
    expect(network("api")).toEqual(["IMDS_ACCESS MetadataService/node-a"]);
  });

  it("ingress from namespaceSelector AND podSelector in one peer, on a named port: only the api pod", () => {
    const spec = "{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {tier: front}}, podSelector: {matchLabels: {app: api}}}], ports: [{port: pg}]}]}";
    const { network } = reach(policy("data", "api-only", spec));
    expect(network("api")).toContain("NETWORK_REACH Service/data/db");
    expect(network("web")).not.toContain("NETWORK_REACH Service/data/db");
  });

  it("the same peers as two entries (OR) let both pods in", () => {
    const spec = "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {tier: front}}}, {podSelector: {matchLabels: {app: api}}}]}]}";
    const { network } = reach(policy("data", "or", spec));
    expect(network("web")).toContain("NETWORK_REACH Service/data/db");
  });

  it("a wrong port in the ingress rule blocks the connection", () => {
    const { network } = reach(policy("data", "other-port", "{podSelector: {}, ingress: [{ports: [{port: 6379}]}]}"));
    expect(network("api")).not.toContain("NETWORK_REACH Service/data/db");
  });

  it("an egress policy with ipBlock 0.0.0.0/0 except 169.254.169.254/32 blocks only the metadata service", () => {
    const spec = "{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]}";
    const { network } = reach(policy("shop", "no-imds", spec));
    expect(network("web")).toEqual(["NETWORK_REACH Service/data/db"]);
    expect(network("api")).toEqual(["IMDS_ACCESS MetadataService/node-a", "NETWORK_REACH Service/data/db"]);
  });

  it("an egress default-deny blocks both; a hostNetwork pod is not subject to it", () => {
    const deny = policy("shop", "deny-egress", "{podSelector: {}, policyTypes: [Egress]}");
    expect(reach(deny).network("web")).toEqual([]);
    const host = reach(deny + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: shop}\nspec: {nodeName: node-a, hostNetwork: true, containers: [{name: agent, image: a}]}\n");
    expect(host.network("agent")).toEqual(["IMDS_ACCESS MetadataService/node-a", "NETWORK_REACH Service/data/db"]);
  });

  it("an ingress ipBlock on the database matches source pods by their address", () => {
    const spec = "{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.1.0.11/32}}]}]}";
    const { network } = reach(policy("data", "by-ip", spec));
    expect(network("api")).toContain("NETWORK_REACH Service/data/db");
    expect(network("web")).not.toContain("NETWORK_REACH Service/data/db");
  });
});

describe("cloud paths and catalog services", () => {
  const catalog = `---
apiVersion: blastradius.dev/v1alpha1
kind: CloudRole
metadata: {name: "arn:aws:iam::111122223333:role/node-role"}
spec: {nodes: ["*"]}
---
apiVersion: blastradius.dev/v1alpha1
kind: SensitiveAsset
metadata: {name: cardholder-exports}
spec: {type: bucket, sensitivity: critical, reachableVia: {cloudRoles: ["arn:aws:iam::111122223333:role/payments-api"]}}
---
apiVersion: blastradius.dev/v1alpha1
kind: SensitiveAsset
metadata: {name: images}
spec: {type: bucket, sensitivity: low, reachableVia: {cloudRoles: ["arn:aws:iam::111122223333:role/node-role"]}}
---
apiVersion: blastradius.dev/v1alpha1
kind: SensitiveAsset
metadata: {name: ledger}
spec: {type: database, sensitivity: high, reachableVia: {services: ["data/db:5432"]}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: shop, annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/payments-api"}}
`;

  it("WORKLOAD_IDENTITY, NODE_ROLE through the metadata service, CLOUD_ACCESS and a catalog service", () => {
    const { inv, graph, edges } = reach(catalog);
    expect(edges).toContain("ServiceAccount/shop/default WORKLOAD_IDENTITY CloudRole/arn:aws:iam::111122223333:role/payments-api");
    expect(edges).toContain("MetadataService/node-a NODE_ROLE CloudRole/arn:aws:iam::111122223333:role/node-role");
    expect(edges).toContain("CloudRole/arn:aws:iam::111122223333:role/payments-api CLOUD_ACCESS SensitiveAsset/cardholder-exports");
    const web = computeBlastRadius(graph, inv).find((r) => r.workload === "Pod/shop/web")!;
    // Cheapest first; at equal cost the more sensitive first.
    expect(web.reachable.map((a) => `${a.asset}@${a.cost}`)).toEqual(["Service/data/db@1", "SensitiveAsset/ledger@1", "SensitiveAsset/images@2", "SensitiveAsset/cardholder-exports@3"]);
    const images = web.reachable.find((a) => a.asset === "SensitiveAsset/images")!;
    expect(images.path.map((s) => s.edge)).toEqual(["IMDS_ACCESS", "NODE_ROLE", "CLOUD_ACCESS"]);
    const exports = web.reachable.find((a) => a.asset === "SensitiveAsset/cardholder-exports")!;
    expect(exports.path.map((s) => s.edge)).toEqual(["IDENTITY_ASSUME", "WORKLOAD_IDENTITY", "CLOUD_ACCESS"]);
  });
});
