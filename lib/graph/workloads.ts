// Maps pods to workloads through ownerReferences (Pod → ReplicaSet → Deployment, Pod → Job →
// CronJob) and gives controllers without pods (plain manifests) one unscheduled pod from their template.
import type { TInventory, TK8sObject, TLabels, TOwnerReference } from "../inventory/types";
import { vid } from "./ids";
import type { TWorkloadInfo } from "./types";
import type { TControllerRecord } from "./pod-name-owner";

export interface TPodWithWorkload {
  pod: TK8sObject;
  workload: string;
  synthesized: boolean;
}

const keyOf = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;

// The managing controller when one is marked, else the first owner (kubectl's own reading).
function ownerOf(object: TK8sObject): TOwnerReference | undefined {
  const owners = object.metadata.ownerReferences ?? [];
  return owners.find((o) => o.controller === true) ?? owners[0];
}

/** Follows owners while they are in the inventory; an absent owner still names the workload. */
function topOf(object: TK8sObject, controllers: Map<string, TK8sObject>): string {
  const ns = object.metadata.namespace ?? "default";
  let current = object;
  let id = keyOf(object.kind, ns, object.metadata.name);
  for (let depth = 0; depth < 8; depth++) {
    const owner = ownerOf(current);
    if (!owner) break;
    id = keyOf(owner.kind, ns, owner.name);
    const next = controllers.get(id);
    if (!next) break;
    current = next;
  }
  return id;
}

const NAMING_CONTROLLERS = new Set(["ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

/** The controllers that name pods, each with its top workload: how a pod newer than the snapshot finds its workload. */
export function controllerRecords(inv: TInventory): TControllerRecord[] {
  const controllers = new Map<string, TK8sObject>();
  for (const c of inv.controllers) controllers.set(keyOf(c.kind, c.metadata.namespace ?? "default", c.metadata.name), c);
  const out: TControllerRecord[] = [];
  for (const c of inv.controllers) {
    if (!NAMING_CONTROLLERS.has(c.kind)) continue;
    // Jobs select on a controller-uid label no new pod of another run carries: no selector worth keeping
    const selector = c.kind === "Job" || c.kind === "CronJob" ? null : ((c.spec?.selector as TControllerRecord["selector"]) ?? null);
    out.push({ namespace: c.metadata.namespace ?? "default", kind: c.kind, name: c.metadata.name, workloadKey: topOf(c, controllers), selector });
  }
  return out;
}

function templateOf(controller: TK8sObject): { metadata?: { labels?: TLabels; annotations?: TLabels }; spec?: unknown } | null {
  const spec = controller.spec ?? {};
  const template = controller.kind === "CronJob" ? spec.jobTemplate?.spec?.template : spec.template;
  return template && typeof template === "object" ? template : null;
}

/** Every pod of the inventory with its workload, plus one synthesized pod per pod-less top controller. */
export function resolveWorkloads(inv: TInventory): { pods: TPodWithWorkload[]; workloads: TWorkloadInfo[] } {
  const controllers = new Map<string, TK8sObject>();
  for (const c of inv.controllers) controllers.set(keyOf(c.kind, c.metadata.namespace ?? "default", c.metadata.name), c);

  const pods: TPodWithWorkload[] = inv.pods.map((pod) => ({ pod, workload: topOf(pod, controllers), synthesized: false }));
  const withPods = new Set(pods.map((p) => p.workload));
  const podIds = new Set(pods.map((p) => vid.pod(p.pod.metadata.namespace ?? "default", p.pod.metadata.name)));

  // Controllers sorted so the one chosen for a workload does not depend on input order.
  const sorted = [...controllers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, controller] of sorted) {
    const top = topOf(controller, controllers);
    if (top !== key || withPods.has(top)) continue;
    const template = templateOf(controller);
    if (!template) continue;
    const ns = controller.metadata.namespace ?? "default";
    const name = controller.metadata.name;
    if (podIds.has(vid.pod(ns, name))) continue;
    const pod: TK8sObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        namespace: ns,
        labels: { ...(template.metadata?.labels ?? {}) },
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ownerReferences: [{ kind: controller.kind, name, controller: true }],
      },
      spec: template.spec ?? {},
    };
    pods.push({ pod, workload: top, synthesized: true });
    withPods.add(top);
  }

  const byWorkload = new Map<string, TK8sObject[]>();
  for (const { pod, workload } of pods) {
    const list = byWorkload.get(workload) ?? [];
    list.push(pod);
    byWorkload.set(workload, list);
  }
  const workloads: TWorkloadInfo[] = [];
  for (const [id, members] of byWorkload) {
    const [kind, namespace, ...rest] = id.split("/");
    const name = rest.join("/");
    const ids = members.map((p) => vid.pod(p.metadata.namespace ?? "default", p.metadata.name)).sort();
    const first = members.find((p) => vid.pod(p.metadata.namespace ?? "default", p.metadata.name) === ids[0])!;
    const controller = controllers.get(id);
    const labels = { ...(first.metadata.labels ?? {}), ...(controller?.metadata.labels ?? {}) };
    workloads.push({ id, kind, namespace, name, labels, pods: ids });
  }
  workloads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { pods, workloads };
}
