// Reads a pod spec once into the facts the edge rules test: node, service account and token,
// per-container privileges and mounts, host namespaces, volumes and the Secrets it references.
import type { TContainerSpec, TPodSpec, TPodStatus, TVolumeSpec } from "../inventory/kind-schemas";
import type { TK8sObject, TLabels } from "../inventory/types";
import { UNSCHEDULED_NODE, vid } from "./ids";

export interface TVolumeFacts {
  name: string;
  /** normalized host path of a hostPath volume, else null */
  hostPath: string | null;
  /** a projected volume carrying a service account token */
  token: boolean;
  /** Secrets the volume projects */
  secrets: string[];
}

export interface TMountFacts {
  volume: string;
  readOnly: boolean;
}

export interface TPortFacts {
  name?: string;
  containerPort: number;
  protocol: string;
}

export interface TContainerFacts {
  name: string;
  id: string;
  privileged: boolean;
  /** capabilities added, upper case without the CAP_ prefix ("ALL" kept) */
  caps: Set<string>;
  /** may run as uid 0: runAsUser 0, or unset without runAsNonRoot */
  root: boolean;
  /** no AppArmor confinement: privileged, or profile Unconfined */
  unconfined: boolean;
  mounts: TMountFacts[];
  /** Secrets read through env or envFrom */
  envSecrets: string[];
  ports: TPortFacts[];
  init: boolean;
}

export interface TPodFacts {
  object: TK8sObject;
  id: string;
  namespace: string;
  name: string;
  /** node name, or UNSCHEDULED_NODE */
  node: string;
  scheduled: boolean;
  serviceAccount: string;
  hostPID: boolean;
  hostNetwork: boolean;
  shareProcessNamespace: boolean;
  labels: TLabels;
  ip?: string;
  containers: TContainerFacts[];
  volumes: Map<string, TVolumeFacts>;
  synthesized: boolean;
}

/** The token volume kubelet would project when automounting: named like kubelet's, without the random suffix. */
export const IMPLICIT_TOKEN_VOLUME = "kube-api-access";

/** Strips trailing slashes (`/var/lib/kubelet/pods/` → `/var/lib/kubelet/pods`), keeps "/". */
export function normalizeHostPath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed.replace(/\/{2,}/g, "/");
}

export function hasCap(container: TContainerFacts, cap: string): boolean {
  return container.privileged || container.caps.has("ALL") || container.caps.has(cap);
}

type TPodSecurity = NonNullable<TPodSpec["securityContext"]>;

export function readPodFacts(pod: TK8sObject, saAutomount: (ns: string, name: string) => boolean | undefined, synthesized = false): TPodFacts {
  // the fields ZPod checked when the inventory was parsed (lib/inventory/kind-schemas.ts)
  const spec: TPodSpec = pod.spec ?? {};
  const status: TPodStatus = pod.status ?? {};
  const namespace = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name;
  const serviceAccount = spec.serviceAccountName || spec.serviceAccount || "default";
  const volumes = new Map<string, TVolumeFacts>();
  for (const volume of spec.volumes ?? []) volumes.set(volume.name, readVolume(volume));

  const automount = spec.automountServiceAccountToken ?? saAutomount(namespace, serviceAccount) ?? true;
  const hasTokenVolume = [...volumes.values()].some((v) => v.token);
  const implicitToken = automount && !hasTokenVolume;
  if (implicitToken) volumes.set(IMPLICIT_TOKEN_VOLUME, { name: IMPLICIT_TOKEN_VOLUME, hostPath: null, token: true, secrets: [] });

  const podSecurity: TPodSecurity = spec.securityContext ?? {};
  const annotations = pod.metadata.annotations ?? {};
  const containers: TContainerFacts[] = [];
  const read = (list: TContainerSpec[] | null | undefined, init: boolean) => {
    for (const c of list ?? []) {
      const facts = readContainer(c, podSecurity, annotations, init, vid.container(namespace, name, c.name));
      if (implicitToken) facts.mounts.push({ volume: IMPLICIT_TOKEN_VOLUME, readOnly: true });
      containers.push(facts);
    }
  };
  read(spec.containers, false);
  read(spec.initContainers, true);

  const nodeName = spec.nodeName;
  return {
    object: pod,
    id: vid.pod(namespace, name),
    namespace,
    name,
    node: nodeName || UNSCHEDULED_NODE,
    scheduled: !!nodeName,
    serviceAccount,
    hostPID: spec.hostPID === true,
    hostNetwork: spec.hostNetwork === true,
    shareProcessNamespace: spec.shareProcessNamespace === true,
    labels: pod.metadata.labels ?? {},
    ip: status.podIP ?? undefined,
    containers,
    volumes,
    synthesized,
  };
}

function readVolume(volume: TVolumeSpec): TVolumeFacts {
  const secrets: string[] = [];
  if (volume.secret?.secretName) secrets.push(volume.secret.secretName);
  let token = false;
  for (const source of volume.projected?.sources ?? []) {
    if (source?.serviceAccountToken) token = true;
    if (source?.secret?.name) secrets.push(source.secret.name);
  }
  const path = volume.hostPath?.path;
  return { name: volume.name, hostPath: path != null ? normalizeHostPath(path) : null, token, secrets };
}

function readContainer(c: TContainerSpec, podSecurity: TPodSecurity, annotations: TLabels, init: boolean, id: string): TContainerFacts {
  const sc: NonNullable<TContainerSpec["securityContext"]> = c.securityContext ?? {};
  const privileged = sc.privileged === true;
  const caps = new Set<string>();
  for (const cap of sc.capabilities?.add ?? []) caps.add(cap.toUpperCase().replace(/^CAP_/, ""));
  const runAsUser = sc.runAsUser ?? podSecurity.runAsUser;
  const runAsNonRoot = sc.runAsNonRoot ?? podSecurity.runAsNonRoot;
  const root = runAsUser === 0 || (runAsUser == null && runAsNonRoot !== true);
  // Kubernetes 1.30+ field first, then the beta annotation it replaced.
  const profile = sc.appArmorProfile?.type ?? podSecurity.appArmorProfile?.type;
  const annotation = annotations[`container.apparmor.security.beta.kubernetes.io/${c.name}`];
  const unconfined = privileged || profile === "Unconfined" || (profile == null && annotation === "unconfined");
  const envSecrets: string[] = [];
  for (const env of c.env ?? []) if (env?.valueFrom?.secretKeyRef?.name) envSecrets.push(env.valueFrom.secretKeyRef.name);
  for (const from of c.envFrom ?? []) if (from?.secretRef?.name) envSecrets.push(from.secretRef.name);
  const mounts: TMountFacts[] = (c.volumeMounts ?? []).map((m) => ({ volume: m.name, readOnly: m.readOnly === true }));
  const ports: TPortFacts[] = (c.ports ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    containerPort: p.containerPort,
    protocol: p.protocol ?? "TCP",
  }));
  return { name: c.name, id, privileged, caps, root, unconfined, mounts, envSecrets, ports, init };
}

/** A pod's vertex identifiers the rules name, made once per facts object (a live run's facts outlive a build). */
export interface TPodIds {
  serviceAccount: string;
  node: string;
  metadataService: string;
  volume(name: string): string;
  endpoint(port: string | number): string;
}

const podIdCache = new WeakMap<TPodFacts, TPodIds>();

// The same string objects run after run: the builder hashes each identifier once, not once per build.
export function podIds(pod: TPodFacts): TPodIds {
  let ids = podIdCache.get(pod);
  if (!ids) {
    const volumes = new Map<string, string>();
    const endpoints = new Map<string | number, string>();
    const { namespace: ns, name } = pod;
    ids = {
      serviceAccount: vid.serviceAccount(ns, pod.serviceAccount),
      node: vid.node(pod.node),
      metadataService: vid.metadataService(pod.node),
      volume: (volume) => volumes.get(volume) ?? volumes.set(volume, vid.volume(ns, name, volume)).get(volume)!,
      endpoint: (port) => endpoints.get(port) ?? endpoints.set(port, vid.endpoint(ns, name, port)).get(port)!,
    };
    podIdCache.set(pod, ids);
  }
  return ids;
}
