// The demo cluster: public manifests (prisma/demo/SOURCES.md) plus the payments example,
// expanded into a running four-node cluster, as one Kubernetes List.
import { parseAllDocuments } from "yaml";
import { expandControllers, roundRobin } from "./expand-controllers";

export const DEMO_CLUSTER = "demo-prod";
const NODES = ["ip-10-0-1-17.ec2.internal", "ip-10-0-1-42.ec2.internal", "ip-10-0-2-8.ec2.internal", "ip-10-0-2-91.ec2.internal"];

type TObj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function nodeObject(name: string, i: number): TObj {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": `us-east-1${"ab"[i % 2]}` } },
    spec: { providerID: `aws:///us-east-1${"ab"[i % 2]}/i-0${(i + 1) * 1234567}` },
    status: { addresses: [{ type: "InternalIP", address: name.replace(/^ip-/, "").replace(/\.ec2\.internal$/, "").replace(/-/g, ".") }] },
  };
}

const CLUSTER_SCOPED = new Set(["Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "SensitiveAsset", "CloudRole", "Team"]);
/** Manifests meant for `kubectl apply -n <ns>` carry no namespace of their own. */
const INSTALL_NAMESPACE: Record<string, string> = { "manifests/argocd-install-no-crds.yaml": "argocd" };

export function buildDemoInventory(sources: { name: string; text: string }[]): string {
  const objects: TObj[] = [];
  for (const source of sources) {
    for (const doc of parseAllDocuments(source.text)) {
      if (doc.errors.length) throw new Error(`${source.name}: ${doc.errors[0].message}`);
      const value = doc.toJS() as TObj | null;
      if (!value || typeof value !== "object" || !value.kind) continue;
      const ns = INSTALL_NAMESPACE[source.name];
      if (ns && !CLUSTER_SCOPED.has(value.kind) && !value.kind.endsWith("List")) value.metadata = { ...value.metadata, namespace: value.metadata?.namespace ?? ns };
      objects.push(value);
    }
  }
  const namespaces = new Set(objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name));
  const used = new Set(objects.map((o) => o.metadata?.namespace).filter(Boolean));
  for (const ns of ["default", "kube-system", ...used]) {
    if (!namespaces.has(ns)) objects.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  }
  const items = [...NODES.map(nodeObject), ...objects, ...expandControllers(objects, roundRobin(NODES))];
  return JSON.stringify({ apiVersion: "v1", kind: "List", items });
}
