// Host paths that make a hostPath volume an attack, as KubeHound's edge calculations list them
// (pkg/kubehound/graph/edge/exploit_host_*.go, escape_*.go) and its attack pages describe them.

// KubeHound exploit_host_read.go UnsafeReadMountlist, with its ~/.ssh pattern.
const UNSAFE_READ = new Set(["/", "/home", "/root", "/root/.ssh", "/proc", "/etc"]);
const HOME_SSH = /^\/home\/[^/]+\/\.ssh(\/|$)/;

// KubeHound exploit_host_write.go SafeWriteMountList: writable mounts deemed not exploitable.
const SAFE_WRITE = new Set(["/var/run/datadog-agent", "/etc/datadog-agent", "/etc/datadog-agent/auth", "/etc/datadog", "/run/xtables.lock"]);

// KubeHound exploit_host_traverse_token.go TokenMountList: parents of /var/lib/kubelet/pods.
const TOKEN_PARENTS = new Set(["/", "/var", "/var/lib", "/var/lib/kubelet", "/var/lib/kubelet/pods"]);

// KubeHound escape_umh_core_pattern.go ProcMountList: parents of /proc/sys/kernel.
const PROC_PARENTS = new Set(["/", "/proc", "/proc/sys", "/proc/sys/kernel"]);

// KubeHound escape_var_log_symlink.go: "/", "/var", "/var/log".
const VAR_LOG_PARENTS = new Set(["/", "/var", "/var/log"]);

// KubeHound EXPLOIT_CONTAINERD_SOCK.md lists these runtime sockets; docker.sock is the usual
// equivalent, and /var/run is a symlink to /run on current distributions.
const RUNTIME_SOCKETS = [
  "/var/run/dockershim.sock",
  "/run/containerd/containerd.sock",
  "/var/run/containerd/containerd.sock",
  "/run/crio/crio.sock",
  "/var/run/crio/crio.sock",
  "/var/run/cri-dockerd.sock",
  "/var/run/docker.sock",
  "/run/docker.sock",
];

export const isUnsafeRead = (path: string) => UNSAFE_READ.has(path) || HOME_SSH.test(path);
export const isSafeWrite = (path: string) => SAFE_WRITE.has(path);
export const holdsPodTokens = (path: string) => TOKEN_PARENTS.has(path);
export const exposesCorePattern = (path: string) => PROC_PARENTS.has(path);
export const exposesVarLog = (path: string) => VAR_LOG_PARENTS.has(path);

/** The socket itself or any parent directory of it ("or any parent directory" in the attack page). */
export function exposesRuntimeSocket(path: string): boolean {
  return RUNTIME_SOCKETS.some((socket) => socket === path || path === "/" || socket.startsWith(`${path}/`));
}
