// The edge catalog: for every attack technique its MITRE ATT&CK id, its cost (DESIGN.md "Costs"),
// what an attacker does with it and the change that removes it. KubeHound's edges keep its ids.
import type { TEdgeInfo, TEdgeKind } from "./types";

type TEntry = Omit<TEdgeInfo, "kind">;

const CATALOG: Record<TEdgeKind, TEntry> = {
  // KubeHound's catalog (docs/reference/attacks/*.md)
  CE_MODULE_LOAD: {
    mitre: "T1611",
    cost: 2,
    explanation: "Loads a kernel module from a container that holds CAP_SYS_MODULE (or runs privileged) and takes over the node's kernel.",
    remediation: "Drop `privileged: true` and the SYS_MODULE capability from the container's securityContext.",
  },
  CE_NSENTER: {
    mitre: "T1611",
    cost: 1,
    explanation: "From a privileged container sharing the host PID namespace, `nsenter -t 1` opens a root shell on the node.",
    remediation: "Remove `hostPID: true` from the pod and `privileged: true` from the container.",
  },
  CE_PRIV_MOUNT: {
    mitre: "T1611",
    cost: 1,
    explanation: "A privileged container mounts the node's disk and writes to it to run code on the host.",
    remediation: "Drop `privileged: true` from the container's securityContext (and the SYS_ADMIN capability with it).",
  },
  CE_SYS_PTRACE: {
    mitre: "T1611",
    cost: 2,
    explanation: "With the host PID namespace, SYS_PTRACE and SYS_ADMIN and no AppArmor confinement, attaches a debugger to a host process and injects a shell.",
    remediation: "Remove `hostPID: true`, drop the SYS_PTRACE and SYS_ADMIN capabilities and keep the default AppArmor profile (not `Unconfined`).",
  },
  CE_UMH_CORE_PATTERN: {
    mitre: "T1611",
    cost: 2,
    explanation: "Rewrites the host's /proc/sys/kernel/core_pattern through a writable host mount so the kernel runs an attacker binary as root on the next crash.",
    remediation: "Remove the hostPath volume of /proc (or a parent) from the pod, or mount it `readOnly: true` and run as non-root.",
  },
  CE_VAR_LOG_SYMLINK: {
    mitre: "T1611",
    cost: 2,
    explanation: "As root with the host's /var/log mounted and permission to read pod logs, plants a symlink that makes the kubelet serve any host file.",
    remediation: "Remove the hostPath volume of /var/log (or a parent), or set `runAsNonRoot: true`; drop `get pods/log` from the service account's role.",
  },
  CONTAINER_ATTACH: {
    mitre: "T1609",
    cost: 0,
    explanation: "Whoever controls a pod runs commands in each of its containers.",
    remediation: "Structural: remove the path that reaches the pod.",
  },
  ENDPOINT_EXPLOIT: {
    mitre: "T1210",
    cost: 2,
    explanation: "Exploits a network endpoint the container exposes to run code inside it.",
    remediation: "Stop exposing the port (remove it from the container or the Service) or restrict who reaches it with a NetworkPolicy ingress rule.",
  },
  EXPLOIT_CONTAINERD_SOCK: {
    mitre: "T1610",
    cost: 1,
    explanation: "Talks to the container runtime through its socket mounted from the host and runs commands in any container on the node.",
    remediation: "Remove the hostPath volume of the container runtime socket (containerd.sock, docker.sock, crio.sock) from the pod.",
  },
  EXPLOIT_HOST_READ: {
    mitre: "T1611",
    cost: 1,
    explanation: "Reads credentials (SSH keys, kubelet files) from a sensitive host directory mounted read-only and logs into the node.",
    remediation: "Remove the hostPath volume of the sensitive host directory (/, /etc, /root, /home, /proc) from the pod.",
  },
  EXPLOIT_HOST_TRAVERSE: {
    mitre: "T1552",
    cost: 2,
    explanation: "Walks a host mount that contains /var/lib/kubelet/pods to the service account token volumes of every pod on the node.",
    remediation: "Remove the hostPath volume of /, /var, /var/lib, /var/lib/kubelet or /var/lib/kubelet/pods from the pod.",
  },
  EXPLOIT_HOST_WRITE: {
    mitre: "T1611",
    cost: 1,
    explanation: "Writes to a sensitive host directory mounted read-write (cron jobs, SSH keys, binaries) to run code on the node.",
    remediation: "Remove the writable hostPath volume from the pod, or mount it with `readOnly: true`.",
  },
  IDENTITY_ASSUME: {
    mitre: "T1078",
    cost: 1,
    explanation: "Uses the credentials already at hand (the mounted service account token, the node's own credentials) to act as that identity.",
    remediation: "Set `automountServiceAccountToken: false` on the pod or its service account when it does not call the Kubernetes API.",
  },
  IDENTITY_IMPERSONATE: {
    mitre: "T1078",
    cost: 2,
    explanation: "Sends API requests with `Impersonate-User`/`Impersonate-Group` headers to act as a more privileged identity.",
    remediation: "Remove the `impersonate` verb on users, groups or serviceaccounts from the role, or narrow it with resourceNames.",
  },
  PERMISSION_DISCOVER: {
    mitre: "T1069",
    cost: 0,
    explanation: "An identity holds the permissions its role bindings grant.",
    remediation: "Structural: remove the subject from the role binding.",
  },
  POD_ATTACH: {
    mitre: "T1609",
    cost: 0,
    explanation: "Root on a node controls every pod the node runs.",
    remediation: "Structural: remove the path that reaches the node.",
  },
  POD_CREATE: {
    mitre: "T1610",
    cost: 2,
    explanation: "Creates a privileged pod pinned to any node with `nodeName` and escapes to that node.",
    remediation: "Remove `create` on pods from the role (or bind it only where Pod Security admission enforces `restricted`).",
  },
  POD_EXEC: {
    mitre: "T1609",
    cost: 1,
    explanation: "Runs `kubectl exec` into a running pod and acts inside its containers.",
    remediation: "Remove `create` on pods/exec from the role, or narrow it with resourceNames.",
  },
  POD_PATCH: {
    mitre: "T1609",
    cost: 2,
    explanation: "Patches a running pod's container image to a backdoored one and runs code inside it.",
    remediation: "Remove `patch`/`update` on pods from the role.",
  },
  ROLE_BIND: {
    mitre: "T1078",
    cost: 2,
    explanation: "Creates a (Cluster)RoleBinding that grants an existing role to the attacker's identity.",
    remediation: "Remove `create` on rolebindings/clusterrolebindings or `bind` on roles/clusterroles from the role.",
  },
  SHARE_PS_NAMESPACE: {
    mitre: "T1080",
    cost: 1,
    explanation: "Containers of a pod that shares its process namespace can read each other's memory, files and tokens through /proc.",
    remediation: "Remove `shareProcessNamespace: true` from the pod.",
  },
  TOKEN_BRUTEFORCE: {
    mitre: "T1528",
    cost: 3,
    explanation: "Guesses the predictable names of service account token Secrets and reads them with `get` on secrets.",
    remediation: "Remove `get` on secrets from the role, or narrow it with resourceNames.",
  },
  TOKEN_LIST: {
    mitre: "T1528",
    cost: 1,
    explanation: "Lists the Secrets of a namespace and takes the service account tokens stored there.",
    remediation: "Remove `list`/`watch` on secrets from the role.",
  },
  TOKEN_STEAL: {
    mitre: "T1552",
    cost: 1,
    explanation: "Reads a service account token from a volume it can see and acts as that service account.",
    remediation: "Set `automountServiceAccountToken: false` where the token is not needed, and keep host mounts out of pods.",
  },
  VOLUME_ACCESS: {
    mitre: "T1613",
    cost: 0,
    explanation: "Root on a node reads every volume mounted into its pods.",
    remediation: "Structural: remove the path that reaches the node.",
  },
  VOLUME_DISCOVER: {
    mitre: "T1613",
    cost: 0,
    explanation: "A container sees the volumes mounted into it.",
    remediation: "Structural: remove the volume mount from the container.",
  },
  // Blast Radius additions (DESIGN.md "The attack graph")
  SECRET_READ: {
    mitre: "T1552.007",
    cost: 1,
    explanation: "Reads the Secret through the Kubernetes API with `get`, `list` or `watch`.",
    remediation: "Remove `get`/`list`/`watch` on secrets from the role, or narrow `get` with resourceNames.",
  },
  SECRET_MOUNT: {
    mitre: "T1552.001",
    cost: 1,
    explanation: "Reads the Secret's values from the files or environment variables of the container.",
    remediation: "Stop mounting the Secret into the container (volume, projected source, env or envFrom).",
  },
  CLUSTER_ADMIN: {
    mitre: "T1078",
    cost: 1,
    explanation: "Holds permissions equivalent to cluster-admin (wildcards, bind/escalate, impersonate, workloads in kube-system, nodes/proxy, CSR approval).",
    remediation: "Replace the role with one that lists only the verbs and resources the workload uses.",
  },
  WORKLOAD_IDENTITY: {
    mitre: "T1078.004",
    cost: 1,
    explanation: "Exchanges the service account token for the cloud role named in its workload-identity annotation.",
    remediation: "Remove the workload-identity annotation from the service account, or narrow the cloud role's trust policy.",
  },
  IMDS_ACCESS: {
    mitre: "T1552.005",
    cost: 1,
    explanation: "Calls the instance metadata service at 169.254.169.254 and obtains the node's cloud credentials.",
    remediation: "Add an egress NetworkPolicy that blocks 169.254.169.254/32 for the pod (or set the metadata hop limit to 1), and avoid `hostNetwork: true`.",
  },
  NODE_ROLE: {
    mitre: "T1078.004",
    cost: 0,
    explanation: "The metadata service hands out the credentials of the node's instance role.",
    remediation: "Structural: narrow the node instance role.",
  },
  CLOUD_ACCESS: {
    mitre: "T1530",
    cost: 1,
    explanation: "Uses the cloud role's permissions to read the data store.",
    remediation: "Remove the data store from the cloud role's policy.",
  },
  NETWORK_REACH: {
    mitre: "T1210",
    cost: 1,
    explanation: "Opens a network connection to the sensitive service, which no NetworkPolicy blocks.",
    remediation: "Add NetworkPolicies: an egress policy on the source pod and an ingress policy on the service's pods that allow only the clients that need it.",
  },
};

export const EDGE_CATALOG: Record<TEdgeKind, TEdgeInfo> = Object.fromEntries(
  Object.entries(CATALOG).map(([kind, entry]) => [kind, { kind: kind as TEdgeKind, ...entry }]),
) as Record<TEdgeKind, TEdgeInfo>;
