// Path facts behind evidence: service account tokens (own, or other pods' through the kubelet
// directory), host files reached through a hostPath, runtime sockets, and the paths a command line names.

export type TAccess = "read" | "write" | null;

export interface TPathUse {
  path: string;
  access: TAccess;
}

// Kubernetes mounts the pod's own token here (KubeHound IDENTITY_ASSUME / TOKEN_STEAL "Container" checks).
const OWN_TOKEN = /^(?:\/var)?\/run\/secrets\/kubernetes\.io\/serviceaccount\/(?:\.\.[^/]+\/)?token$/;
// Other pods' tokens: /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~projected/kube-api-access-*/token,
// also when the kubelet directory is mounted elsewhere (/hostpods/<uid>/volumes/…).
const KUBELET_TOKEN = /\/var\/lib\/kubelet\/pods\/[^/]+\/volumes\/.+\/token$|\/volumes\/kubernetes\.io~(?:projected|secret)\/[^/]+\/(?:\.\.[^/]+\/)?token$|\/kube-api-access-[^/]+\/(?:\.\.[^/]+\/)?token$/;
const KUBELET_PODS = /(?:^|\/)var\/lib\/kubelet\/pods(?:\/|$)/;
// Where pod specs conventionally mount the host's root or parts of it.
const HOST_PREFIX = /^\/(?:host|hostfs|rootfs|host-root|hostroot|host-[A-Za-z0-9_-]+|proc\/1\/root)(?:\/|$)/;
const RUNTIME_SOCKET = /(?:containerd|docker|dockershim|crio|cri-dockerd)\.sock\b/;
const CORE_PATTERN = /\/sys\/kernel\/core_pattern$/;
const RELEASE_AGENT = /\/release_agent$/;
const BLOCK_DEVICE = /^\/dev\/(?:sd[a-z]|nvme\d|xvd[a-z]|vd[a-z]|hd[a-z]|mmcblk\d|dm-\d|mapper\/|disk\/)/;

export const isOwnToken = (path: string): boolean => OWN_TOKEN.test(path);
export const isKubeletToken = (path: string): boolean => !OWN_TOKEN.test(path) && KUBELET_TOKEN.test(path);
export const isUnderKubeletPods = (path: string): boolean => KUBELET_PODS.test(path);
export const mentionsRuntimeSocket = (text: string): boolean => RUNTIME_SOCKET.test(text);
export const isUmhFile = (path: string): boolean => CORE_PATTERN.test(path) || RELEASE_AGENT.test(path);
export const isBlockDevice = (path: string): boolean => BLOCK_DEVICE.test(path);
export const isUnderVarLog = (path: string): boolean => /(?:^|\/)var\/log(?:\/|$)/.test(path);

/** True when the path reaches the host through a hostPath: a conventional prefix or one the pod spec declares. */
export function isHostMounted(path: string, hostMountPaths: readonly string[]): boolean {
  if (HOST_PREFIX.test(path)) return true;
  return hostMountPaths.some((mount) => {
    const base = mount.endsWith("/") ? mount.slice(0, -1) : mount;
    return base !== "" && (path === base || path.startsWith(`${base}/`));
  });
}

/** True when `path` is `dir` or below it. */
export function isBelow(path: string, dir: string): boolean {
  const base = dir.endsWith("/") ? dir.slice(0, -1) : dir;
  return base !== "" && (path === base || path.startsWith(`${base}/`));
}

// An absolute path that starts a token (not the "//" of a URL), with what precedes it: a redirect,
// tee or dd's of= mean the command writes there.
const PATH_TOKEN = /(>{1,2}[ \t]*|\btee[ \t]+(?:-a[ \t]+)?|\bof=)?(?<![\w.~:/-])(\/[^\s"'<>|;&()`,]{0,4096})/g;
const MAX_PATHS = 32;

/** The absolute paths a command line names, each with the access the command line implies. */
export function pathsInCommand(cmdline: string): TPathUse[] {
  const uses: TPathUse[] = [];
  for (const match of cmdline.matchAll(PATH_TOKEN)) {
    uses.push({ path: match[2], access: match[1] ? "write" : null });
    if (uses.length >= MAX_PATHS) break;
  }
  return uses;
}
