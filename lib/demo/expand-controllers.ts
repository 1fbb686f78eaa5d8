// Turns manifests into a running cluster: each controller schedules the pods Kubernetes would
// create (names, ownerReferences, nodeName, the service-account token volume the admission
// controller adds), so the demo's graph has real pods on real nodes.
import { createHash } from "node:crypto";

type TObj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SAFE = "bcdfghjklmnpqrstvwxz2456789"; // the alphabet Kubernetes uses for generated names

export function suffix(seed: string, length: number): string {
  const bytes = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += SAFE[bytes[i] % SAFE.length];
  return out;
}

function owner(kind: string, apiVersion: string, meta: TObj) {
  return { apiVersion, kind, name: meta.name, uid: `uid-${suffix(`${kind}/${meta.namespace}/${meta.name}`, 10)}`, controller: true };
}

/** The projected token volume that the ServiceAccount admission controller mounts. */
function withServiceAccount(spec: TObj, saAutomount: Map<string, boolean>, namespace: string): TObj {
  const sa = spec.serviceAccountName ?? spec.serviceAccount ?? "default";
  const automount = spec.automountServiceAccountToken ?? saAutomount.get(`${namespace}/${sa}`) ?? true;
  const out: TObj = { ...spec, serviceAccountName: sa };
  if (!automount) return out;
  const volume = `kube-api-access-${suffix(`${namespace}/${sa}`, 5)}`;
  out.volumes = [
    ...(spec.volumes ?? []),
    { name: volume, projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3607 } }] } },
  ];
  out.containers = (spec.containers ?? []).map((c: TObj) => ({
    ...c,
    volumeMounts: [...(c.volumeMounts ?? []), { name: volume, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true }],
  }));
  return out;
}

interface TScheduler {
  next(): string;
  all: string[];
}

function makePod(name: string, namespace: string, template: TObj, ownerRef: TObj, nodeName: string, ctx: { saAutomount: Map<string, boolean> }): TObj {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { ...(template.metadata?.labels ?? {}) }, ownerReferences: [ownerRef] },
    spec: { ...withServiceAccount(template.spec ?? {}, ctx.saAutomount, namespace), nodeName },
    status: { phase: "Running" },
  };
}

/** Adds, for every controller, the objects Kubernetes would create for it (at most 3 replicas each). */
export function expandControllers(objects: TObj[], scheduler: TScheduler): TObj[] {
  const saAutomount = new Map<string, boolean>();
  for (const o of objects) {
    if (o.kind === "ServiceAccount" && o.automountServiceAccountToken === false) saAutomount.set(`${o.metadata.namespace ?? "default"}/${o.metadata.name}`, false);
  }
  const ctx = { saAutomount };
  const out: TObj[] = [];
  for (const o of objects) {
    const meta = { ...o.metadata, namespace: o.metadata?.namespace ?? "default" };
    const replicas = Math.min(Math.max(o.spec?.replicas ?? 1, 1), 3);
    switch (o.kind) {
      case "Deployment": {
        const rsName = `${meta.name}-${suffix(meta.name, 10)}`;
        const rsMeta = { name: rsName, namespace: meta.namespace, labels: o.spec.template?.metadata?.labels, ownerReferences: [owner("Deployment", "apps/v1", meta)] };
        out.push({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: rsMeta, spec: { replicas, template: o.spec.template } });
        for (let i = 0; i < replicas; i++) {
          out.push(makePod(`${rsName}-${suffix(`${rsName}/${i}`, 5)}`, meta.namespace, o.spec.template, owner("ReplicaSet", "apps/v1", rsMeta), scheduler.next(), ctx));
        }
        break;
      }
      case "StatefulSet":
        for (let i = 0; i < replicas; i++) out.push(makePod(`${meta.name}-${i}`, meta.namespace, o.spec.template, owner("StatefulSet", "apps/v1", meta), scheduler.next(), ctx));
        break;
      case "DaemonSet":
        for (const node of scheduler.all) {
          out.push(makePod(`${meta.name}-${suffix(`${meta.name}/${node}`, 5)}`, meta.namespace, o.spec.template, owner("DaemonSet", "apps/v1", meta), node, ctx));
        }
        break;
      case "Job":
        out.push(makePod(`${meta.name}-${suffix(meta.name, 5)}`, meta.namespace, o.spec.template, owner("Job", "batch/v1", meta), scheduler.next(), ctx));
        break;
      case "CronJob": {
        const jobMeta = { name: `${meta.name}-29012345`, namespace: meta.namespace, ownerReferences: [owner("CronJob", "batch/v1", meta)] };
        const template = o.spec.jobTemplate?.spec?.template ?? {};
        out.push({ apiVersion: "batch/v1", kind: "Job", metadata: jobMeta, spec: { template } });
        out.push(makePod(`${jobMeta.name}-${suffix(jobMeta.name, 5)}`, meta.namespace, template, owner("Job", "batch/v1", jobMeta), scheduler.next(), ctx));
        break;
      }
    }
  }
  return out;
}

export function roundRobin(nodes: string[]): TScheduler {
  let i = 0;
  return { all: nodes, next: () => nodes[i++ % nodes.length] };
}
