// Maps pods to workloads through ownerReferences (Pod → ReplicaSet → Deployment, Pod → Job →
// CronJob) and gives controllers without pods (plain manifests) one unscheduled pod from their template.
import type { TInventory, TK8sObject, TLabels, TOwnerReference } from "../inventory/types";
import { sameItems } from "./build-memo";
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

// a controller's record is the same object while its controller object and workload are (row-delta.ts pairs such rows off first)
const controllerRows = new WeakMap<TK8sObject, TControllerRecord>();

/** The controllers that name pods, each with its top workload: how a pod newer than the snapshot finds its workload. */
export function controllerRecords(inv: TInventory): TControllerRecord[] {
  const controllers = new Map<string, TK8sObject>();
  for (const c of inv.controllers) controllers.set(objectKey(c), c);
  const out: TControllerRecord[] = [];
  for (const c of inv.controllers) {
    if (!NAMING_CONTROLLERS.has(c.kind)) continue;
    const workloadKey = topOf(c, controllers);
    let row = controllerRows.get(c);
    if (row?.workloadKey !== workloadKey) {
      // Jobs select on a controller-uid label no new pod of another run carries: no selector worth keeping
      const selector = c.kind === "Job" || c.kind === "CronJob" ? null : ((c.spec?.selector as TControllerRecord["selector"]) ?? null);
      controllerRows.set(c, (row = { namespace: c.metadata.namespace ?? "default", kind: c.kind, name: c.metadata.name, workloadKey, selector }));
    }
    out.push(row);
  }
  return out;
}

function templateOf(controller: TK8sObject): { metadata?: { labels?: TLabels; annotations?: TLabels }; spec?: unknown } | null {
  const spec = controller.spec ?? {};
  const template = controller.kind === "CronJob" ? spec.jobTemplate?.spec?.template : spec.template;
  return template && typeof template === "object" ? template : null;
}

/** Every pod of the inventory with its workload, plus one synthesized pod per pod-less top controller. */
// A live inventory's objects outlive a build: each one's key, its owner's key and (a pod) its vertex identifier are made once.
function keptOn<T>(cache: WeakMap<TK8sObject, T>, object: TK8sObject, make: () => T): T {
  let value = cache.get(object);
  if (value === undefined) cache.set(object, (value = make()));
  return value;
}
const podIdCache = new WeakMap<TK8sObject, string>();
const objectKeys = new WeakMap<TK8sObject, string>();
const ownerKeys = new WeakMap<TK8sObject, string>();
/** A pod's vertex identifier (`Pod/<ns>/<name>`), made once per pod object. */
export const podIdOf = (pod: TK8sObject) => keptOn(podIdCache, pod, () => vid.pod(pod.metadata.namespace ?? "default", pod.metadata.name));
const objectKey = (object: TK8sObject) => keptOn(objectKeys, object, () => keyOf(object.kind, object.metadata.namespace ?? "default", object.metadata.name));
const ownerKey = (object: TK8sObject, owner: TOwnerReference) => keptOn(ownerKeys, object, () => keyOf(owner.kind, object.metadata.namespace ?? "default", owner.name));

// A workload's info, kept with the objects it was made from (its controller, else its one pod).
const workloadInfos = new WeakMap<TK8sObject, { id: string; members: TK8sObject[]; info: TWorkloadInfo }>();

export function resolveWorkloads(inv: TInventory): { pods: TPodWithWorkload[]; workloads: TWorkloadInfo[] } {
  const controllers = new Map<string, TK8sObject>();
  for (const c of inv.controllers) controllers.set(objectKey(c), c);

  // pods of one owner share its top workload: followed once per owner
  const byOwner = new Map<string, string>();
  const pods: TPodWithWorkload[] = inv.pods.map((pod) => {
    const owner = ownerOf(pod);
    if (!owner) return { pod, workload: topOf(pod, controllers), synthesized: false };
    const key = ownerKey(pod, owner);
    let workload = byOwner.get(key);
    if (workload === undefined) byOwner.set(key, (workload = topOf(pod, controllers)));
    return { pod, workload, synthesized: false };
  });
  const withPods = new Set(pods.map((p) => p.workload));
  const podIds = new Set(pods.map((p) => podIdOf(p.pod)));

  // A top controller (no owner) without pods; sorted so the one chosen for a workload does not depend on input order.
  const podless = [...controllers.entries()].filter(([key, controller]) => !ownerOf(controller) && !withPods.has(key));
  podless.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [top, controller] of podless) {
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
    const controller = controllers.get(id);
    const made = controller ?? (members.length === 1 ? members[0] : null);
    const kept = made ? workloadInfos.get(made) : undefined;
    if (kept && kept.id === id && sameItems(kept.members, members)) {
      workloads.push(kept.info);
      continue;
    }
    const info = workloadInfo(id, members, controller);
    if (made) workloadInfos.set(made, { id, members, info });
    workloads.push(info);
  }
  workloads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { pods, workloads };
}

function workloadInfo(id: string, members: TK8sObject[], controller: TK8sObject | undefined): TWorkloadInfo {
  const [kind, namespace, ...rest] = id.split("/");
  const name = rest.join("/");
  const ids = members.map(podIdOf).sort();
  const first = members.find((p) => podIdOf(p) === ids[0])!;
  const labels = { ...(first.metadata.labels ?? {}), ...(controller?.metadata.labels ?? {}) };
  return { id, kind, namespace, name, labels, pods: ids };
}
