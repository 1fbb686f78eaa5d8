// Edges a pod brings by its structure: node → pod → containers, volumes and the tokens in them,
// the identity its containers run as, the Secrets they read, and shared process namespaces.
import { addReferencedSecret, type TSecretIndex } from "./assets";
import type { GraphBuilder } from "./graph-store";
import { podIds, type TContainerFacts, type TPodFacts, type TVolumeFacts } from "./pod-facts";

export interface TPodContext {
  b: GraphBuilder;
  secrets: TSecretIndex;
  /** scheduled pods by node name */
  podsOnNode: Map<string, TPodFacts[]>;
  /** the pod's service account may `get pods/log` on it (CE_VAR_LOG_SYMLINK) */
  canReadPodLogs(pod: TPodFacts): boolean;
  /** set while one pod's rules run to note what they read beyond the pod (lib/graph/build-memo.ts) */
  reads?: TPodReads | null;
}

/** What a pod's rules read beyond the pod itself. */
export interface TPodReads {
  /** Secrets its containers reference (namespace, name), in the order the rules named them */
  secrets: [string, string][];
  /** the list of pods on its node */
  node: boolean;
  /** the answer of canReadPodLogs, when asked */
  logs: boolean | undefined;
}

const modelled = new WeakMap<TPodFacts, TVolumeFacts[]>();

/** Volumes KubeHound models (hostPath and projected token volumes) that some container mounts. */
export function modelledVolumes(pod: TPodFacts): TVolumeFacts[] {
  let list = modelled.get(pod);
  if (!list) {
    const mounted = new Set(pod.containers.flatMap((c) => c.mounts.map((m) => m.volume)));
    list = [...pod.volumes.values()].filter((v) => mounted.has(v.name) && (v.hostPath !== null || v.token));
    modelled.set(pod, list);
  }
  return list;
}

export function holdsToken(pod: TPodFacts, c: TContainerFacts): boolean {
  return c.mounts.some((m) => pod.volumes.get(m.volume)?.token === true);
}

export const nodeVertex = (pod: TPodFacts) => podIds(pod).node;

export function addPodEdges(ctx: TPodContext, pod: TPodFacts): void {
  const { b } = ctx;
  const { namespace: ns } = pod;
  const ids = podIds(pod);
  const podId = b.vertex(pod.id);
  const saId = b.vertex(ids.serviceAccount);
  const node = b.vertex(ids.node);

  // KubeHound POD_ATTACH.md: a node controls its pods; Node/unscheduled holds no pod (DESIGN.md).
  if (pod.scheduled) b.edge("POD_ATTACH", node, podId);
  for (const volume of modelledVolumes(pod)) {
    const volumeId = b.vertex(ids.volume(volume.name));
    // KubeHound VOLUME_ACCESS.md: the node's filesystem holds every mounted volume.
    if (pod.scheduled) b.edge("VOLUME_ACCESS", node, volumeId);
    // KubeHound TOKEN_STEAL.md: a projected token volume yields the pod's service account.
    if (volume.token) b.edge("TOKEN_STEAL", volumeId, saId);
  }
  for (const c of pod.containers) {
    const cId = b.vertex(c.id);
    // KubeHound CONTAINER_ATTACH.md: control of a pod reaches each of its containers.
    b.edge("CONTAINER_ATTACH", podId, cId);
    for (const mount of c.mounts) {
      const volume = pod.volumes.get(mount.volume);
      if (!volume) continue;
      // KubeHound VOLUME_DISCOVER.md: hostPath and projected volumes mounted in the container.
      if (volume.hostPath !== null || volume.token) b.edge("VOLUME_DISCOVER", cId, ids.volume(volume.name));
      // DESIGN.md SECRET_MOUNT: mounted as a volume or projected.
      for (const secret of volume.secrets) mountSecret(ctx, c, ns, secret);
    }
    // DESIGN.md SECRET_MOUNT: referenced by env or envFrom.
    for (const secret of c.envSecrets) mountSecret(ctx, c, ns, secret);
    // KubeHound IDENTITY_ASSUME.md: execution in a container with the service account token.
    if (holdsToken(pod, c)) b.edge("IDENTITY_ASSUME", cId, saId);
  }
  // KubeHound SHARE_PS_NAMESPACE.md: containers of one pod sharing a process namespace.
  if (pod.shareProcessNamespace) {
    const running = pod.containers.filter((c) => !c.init);
    for (const a of running) for (const z of running) if (a !== z) b.edge("SHARE_PS_NAMESPACE", a.id, z.id);
  }
}

function mountSecret(ctx: TPodContext, c: TContainerFacts, ns: string, secret: string): void {
  ctx.reads?.secrets.push([ns, secret]);
  const id = addReferencedSecret(ctx.b, ctx.secrets, ns, secret);
  if (id) ctx.b.edge("SECRET_MOUNT", c.id, id);
}
