// Container escapes and host-mount exploits (KubeHound CE_* and EXPLOIT_* pages): from a
// container to its node, to the token volumes on the node, or to every container on the node.
import {
  exposesCorePattern,
  exposesRuntimeSocket,
  exposesVarLog,
  holdsPodTokens,
  isSafeWrite,
  isUnsafeRead,
} from "./host-paths";
import type { GraphBuilder } from "./graph-store";
import { hasCap, podIds, type TContainerFacts, type TPodFacts } from "./pod-facts";
import { holdsToken, modelledVolumes, nodeVertex, type TPodContext } from "./pod-rules";

export function addEscapeEdges(ctx: TPodContext, pod: TPodFacts): void {
  const { b } = ctx;
  const node = nodeVertex(pod);
  for (const c of pod.containers) {
    // KubeHound CE_MODULE_LOAD.md: CAP_SYS_MODULE (privileged grants it) loads a kernel module.
    if (hasCap(c, "SYS_MODULE")) b.edge("CE_MODULE_LOAD", c.id, node);
    // KubeHound CE_PRIV_MOUNT.md: a privileged container mounts the host disk.
    if (c.privileged) b.edge("CE_PRIV_MOUNT", c.id, node);
    // KubeHound CE_NSENTER.md: privileged and hostPID.
    if (c.privileged && pod.hostPID) b.edge("CE_NSENTER", c.id, node);
    // KubeHound CE_SYS_PTRACE.md: hostPID, SYS_PTRACE and SYS_ADMIN, and no AppArmor confinement (or privileged).
    if (pod.hostPID && hasCap(c, "SYS_PTRACE") && hasCap(c, "SYS_ADMIN") && c.unconfined) b.edge("CE_SYS_PTRACE", c.id, node);
    addHostMountEdges(ctx, pod, c);
  }
}

function addHostMountEdges(ctx: TPodContext, pod: TPodFacts, c: TContainerFacts): void {
  const { b } = ctx;
  const node = nodeVertex(pod);
  for (const mount of c.mounts) {
    const path = pod.volumes.get(mount.volume)?.hostPath;
    if (path == null) continue;
    const writable = !mount.readOnly;
    // KubeHound CE_UMH_CORE_PATTERN.md: root with the host's /proc/sys/kernel (or a parent) writable.
    if (writable && c.root && exposesCorePattern(path)) b.edge("CE_UMH_CORE_PATTERN", c.id, node);
    // KubeHound CE_VAR_LOG_SYMLINK.md: root, host /var/log (or a parent) writable, and `get pods/log`.
    if (writable && c.root && exposesVarLog(path) && holdsToken(pod, c) && canReadLogs(ctx, pod)) b.edge("CE_VAR_LOG_SYMLINK", c.id, node);
    // KubeHound EXPLOIT_HOST_READ.md: a sensitive host directory mounted read-only.
    if (mount.readOnly && isUnsafeRead(path)) b.edge("EXPLOIT_HOST_READ", c.id, node);
    // KubeHound EXPLOIT_HOST_WRITE.md: any writable host mount outside the known-safe list.
    if (writable && !isSafeWrite(path)) b.edge("EXPLOIT_HOST_WRITE", c.id, node);
    // KubeHound EXPLOIT_CONTAINERD_SOCK.md: the runtime socket (or a parent directory), even read-only.
    if (exposesRuntimeSocket(path)) for (const target of containersBesideOnNode(ctx, pod, c)) b.edge("EXPLOIT_CONTAINERD_SOCK", c.id, target);
  }
  // KubeHound EXPLOIT_HOST_TRAVERSE.md: a host mount holding /var/lib/kubelet/pods reaches every token volume on the node.
  for (const volume of modelledVolumes(pod)) {
    if (volume.hostPath === null || !holdsPodTokens(volume.hostPath)) continue;
    const from = podIds(pod).volume(volume.name);
    for (const target of tokenVolumesOnNode(ctx, pod)) b.edge("EXPLOIT_HOST_TRAVERSE", from, target);
  }
}

function canReadLogs(ctx: TPodContext, pod: TPodFacts): boolean {
  const yes = ctx.canReadPodLogs(pod);
  if (ctx.reads) ctx.reads.logs = yes;
  return yes;
}

// Node/unscheduled holds no other pod: an unscheduled pod reaches only its own containers and volumes.
function podsBeside(ctx: TPodContext, pod: TPodFacts): TPodFacts[] {
  if (pod.scheduled && ctx.reads) ctx.reads.node = true;
  return pod.scheduled ? (ctx.podsOnNode.get(pod.node) ?? [pod]) : [pod];
}

function containersBesideOnNode(ctx: TPodContext, pod: TPodFacts, self: TContainerFacts): string[] {
  return podsBeside(ctx, pod).flatMap((p) => p.containers.filter((c) => c !== self).map((c) => c.id));
}

// Per builder and node list: the token volumes of a node's pods, as vertices. Every pod that mounts
// the kubelet's pod directory on a node reaches all of them (a DaemonSet: every pod of the node), so
// they are looked up once per node, not once per such pod (measured: a third of a 10,000-pod build).
const tokenVolumeMemo = new WeakMap<GraphBuilder, WeakMap<readonly TPodFacts[], number[]>>();

function tokenVolumesOnNode(ctx: TPodContext, pod: TPodFacts): number[] {
  const pods = podsBeside(ctx, pod);
  let byList = tokenVolumeMemo.get(ctx.b);
  if (!byList) tokenVolumeMemo.set(ctx.b, (byList = new WeakMap()));
  let ids = byList.get(pods);
  if (!ids) {
    ids = pods.flatMap((p) => modelledVolumes(p).filter((v) => v.token).map((v) => ctx.b.vertex(podIds(p).volume(v.name))));
    byList.set(pods, ids);
  }
  return ids;
}
