// Evidence: which attack-graph edges an alert shows a step of (DESIGN.md "Incident", last paragraph).
// An incident whose workload has such an edge on a path gets the evidence boost, and the edge is linked to the alert.
import {
  isBelow, isBlockDevice, isHostMounted, isKubeletToken, isOwnToken, isUmhFile, isUnderKubeletPods, isUnderVarLog,
  mentionsRuntimeSocket, pathsInCommand, type TPathUse,
} from "./evidence-paths";
import type { TNormalizedAlert } from "./types";

export type TEvidenceEdge =
  | "IDENTITY_ASSUME" | "SECRET_MOUNT" | "TOKEN_STEAL" | "EXPLOIT_HOST_READ" | "EXPLOIT_HOST_WRITE" | "EXPLOIT_HOST_TRAVERSE"
  | "PERMISSION_DISCOVER" | "IMDS_ACCESS" | "CE_NSENTER" | "CE_PRIV_MOUNT" | "CE_MODULE_LOAD" | "CE_UMH_CORE_PATTERN"
  | "CE_SYS_PTRACE" | "CE_VAR_LOG_SYMLINK" | "EXPLOIT_CONTAINERD_SOCK" | "POD_EXEC" | "SECRET_READ";

export interface TEvidence {
  edge: TEvidenceEdge;
  detail: string;
}

export interface TEvidenceContext {
  /** mount paths of the container's Secret volumes (SECRET_MOUNT) */
  mountedSecretPaths?: string[];
  /** API server addresses: ClusterIP of `kubernetes.default`, endpoint IPs (PERMISSION_DISCOVER) */
  apiServerIps?: string[];
  /** mount paths of the container's hostPath volumes, beyond the conventional /host, /rootfs, … */
  hostMountPaths?: string[];
}

// Real Falco rule names (falco_rules_index.json) whose firing is itself the step.
export const FALCO_RULE_EDGES: Readonly<Record<string, TEvidenceEdge>> = {
  "Contact K8S API Server From Container": "PERMISSION_DISCOVER",
  "Kubernetes Client Tool Launched in Container": "PERMISSION_DISCOVER",
  "Contact EC2 Instance Metadata Service From Container": "IMDS_ACCESS",
  "Contact cloud metadata service from container": "IMDS_ACCESS",
  "Change thread namespace": "CE_NSENTER",
  "Mount Launched in Privileged Container": "CE_PRIV_MOUNT",
  "Debugfs Launched in Privileged Container": "CE_PRIV_MOUNT",
  "Linux Kernel Module Injection Detected": "CE_MODULE_LOAD",
  "Detect release_agent File Container Escapes": "CE_UMH_CORE_PATTERN",
  "PTRACE attached to process": "CE_SYS_PTRACE",
  "Attach/Exec Pod": "POD_EXEC",
  "K8s Secret Get Successfully": "SECRET_READ",
};

const IMDS_IPS = new Set(["169.254.169.254", "fd00:ec2::254"]);
const API_PORTS = new Set([443, 6443]);
const MAX_DETAIL = 300;

type TAdd = (edge: TEvidenceEdge, detail: string) => void;

/** The edges `alert` shows a step of, each once, with a one-line reason. */
export function evidenceOf(alert: TNormalizedAlert, ctx: TEvidenceContext = {}): TEvidence[] {
  const found = new Map<TEvidenceEdge, string>();
  const add: TAdd = (edge, detail) => {
    if (!found.has(edge)) found.set(edge, detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail);
  };
  const inContainer = alert.pod !== null || alert.containerId !== null || alert.container !== null;
  const ruleEdge = alert.source === "falco" && Object.hasOwn(FALCO_RULE_EDGES, alert.rule) ? FALCO_RULE_EDGES[alert.rule] : null;
  if (ruleEdge !== null) add(ruleEdge, `Falco rule "${alert.rule}"`);
  if (alert.eventType === "k8s_audit") auditEvidence(alert, add);
  networkEvidence(alert, inContainer, ctx, add);
  processEvidence(alert, inContainer, add);
  for (const use of pathUses(alert)) pathEvidence(use, alert, inContainer, ctx, add);
  return [...found].map(([edge, detail]) => ({ edge, detail }));
}

function auditEvidence(alert: TNormalizedAlert, add: TAdd): void {
  const t = alert.auditTarget;
  if (t === null) return;
  const ok = t.responseCode === null || (t.responseCode >= 200 && t.responseCode < 300);
  const who = alert.auditUser ?? "unknown user";
  if (ok && t.resource === "pods" && (t.subresource === "exec" || t.subresource === "attach")) {
    add("POD_EXEC", `${who} ${t.subresource} into ${t.namespace ?? "?"}/${t.name ?? "?"}`);
  }
  if (ok && t.resource === "secrets" && t.subresource === null && (t.verb === "get" || t.verb === "list" || t.verb === "watch")) {
    add("SECRET_READ", `${who} ${t.verb} secrets${t.name ? ` ${t.namespace ?? "?"}/${t.name}` : t.namespace ? ` in ${t.namespace}` : ""}`);
  }
}

function networkEvidence(alert: TNormalizedAlert, inContainer: boolean, ctx: TEvidenceContext, add: TAdd): void {
  const peer = alert.network;
  const cmd = alert.process.cmdline ?? "";
  if ((peer?.peerIp && IMDS_IPS.has(peer.peerIp)) || /\b169\.254\.169\.254\b|\bmetadata\.google\.internal\b/.test(cmd)) {
    add("IMDS_ACCESS", peer?.peerIp && IMDS_IPS.has(peer.peerIp) ? `connection to ${peer.peerIp}:${peer.peerPort ?? "?"}` : `command names the metadata service: ${cmd}`);
  }
  if (/metadata service|\bimds\b/i.test(alert.rule)) add("IMDS_ACCESS", `rule "${alert.rule}"`);
  // The node talks to the API server all day; only a workload doing so discovers its own permissions.
  if (!inContainer) return;
  const apiIps = ctx.apiServerIps ?? [];
  if (peer?.peerIp && apiIps.includes(peer.peerIp) && (peer.peerPort === null || API_PORTS.has(peer.peerPort) || apiIps.includes(`${peer.peerIp}:${peer.peerPort}`))) {
    add("PERMISSION_DISCOVER", `connection to the API server ${peer.peerIp}:${peer.peerPort ?? "?"}`);
  }
  if (/\bkubernetes\.default(?:\.svc)?\b|\$\{?KUBERNETES_SERVICE_HOST\b/.test(cmd) || alert.process.name === "kubectl") {
    add("PERMISSION_DISCOVER", `command talks to the API server: ${cmd || alert.process.name}`);
  }
}

function processEvidence(alert: TNormalizedAlert, inContainer: boolean, add: TAdd): void {
  if (!inContainer) return;
  const name = alert.process.name ?? "";
  const cmd = alert.process.cmdline ?? "";
  const op = alert.operation ?? "";
  if (name === "nsenter" || /(?:^|_)setns$/.test(op)) add("CE_NSENTER", `${name || "process"} ${op === "" ? "ran" : `called ${op}`}: ${cmd}`);
  const mountCall = /(?:^|_)(?:mount|do_mount|path_mount|sb_mount|fsmount|move_mount)$/.test(op);
  if ((name === "mount" || name === "debugfs" || mountCall) && [cmd, alert.file ?? ""].some((t) => /(?:^|\s)\/dev\/(?:sd[a-z]|nvme\d|xvd[a-z]|vd[a-z]|hd[a-z]|mmcblk\d|dm-\d|mapper\/|disk\/)/.test(t) || isBlockDevice(t))) {
    add("CE_PRIV_MOUNT", `host disk mounted: ${cmd || alert.file}`);
  }
  const moduleCall = /(?:^|_)(?:init_module|finit_module|load_module|find_module_sections)$/.test(op) || (op === "security_kernel_read_file" && (alert.file ?? "").endsWith(".ko"));
  if (((name === "insmod" || name === "modprobe") && !/\s(?:-r|--remove)\b/.test(cmd)) || moduleCall) add("CE_MODULE_LOAD", `kernel module load: ${cmd || op}`);
  // Falco's ptrace events include PTRACE_TRACEME (anti-debugging, no escape): its rule map decides there.
  if ((alert.source === "tetragon" && /ptrace/.test(op)) || /^(?:\S*\/)?(?:gdb|strace|ltrace)\b.*?(?:\s-p\s*\d|\s--pid\b|\sattach\b)/.test(cmd)) add("CE_SYS_PTRACE", `ptrace: ${cmd || op}`);
  if (mentionsRuntimeSocket(cmd)) add("EXPLOIT_CONTAINERD_SOCK", `command uses the container runtime socket: ${cmd}`);
}

function pathUses(alert: TNormalizedAlert): TPathUse[] {
  const uses: TPathUse[] = alert.file ? [{ path: alert.file, access: alert.fileAccess }] : [];
  if (alert.process.cmdline) uses.push(...pathsInCommand(alert.process.cmdline));
  return uses;
}

function pathEvidence(use: TPathUse, alert: TNormalizedAlert, inContainer: boolean, ctx: TEvidenceContext, add: TAdd): void {
  const { path, access } = use;
  const how = `${access ?? "access"} ${path}${alert.process.name ? ` by ${alert.process.name}` : ""}`;
  const viaHost = inContainer && isHostMounted(path, ctx.hostMountPaths ?? []);
  if (isKubeletToken(path)) {
    // The kubelet writes these files when it rotates tokens; stealing is reading them.
    if (access === "write") return;
    add("TOKEN_STEAL", `another pod's token: ${how}`);
    if (inContainer) add("EXPLOIT_HOST_TRAVERSE", `kubelet pod directory through a host mount: ${how}`);
    return;
  }
  if (inContainer && isUnderKubeletPods(path)) {
    add("EXPLOIT_HOST_TRAVERSE", `kubelet pod directory through a host mount: ${how}`);
    return;
  }
  if (!inContainer) return;
  if (isUmhFile(path) && access === "write") return add("CE_UMH_CORE_PATTERN", `usermode helper written: ${how}`);
  if (isUnderVarLog(path) && (/symlink/.test(alert.operation ?? "") || (alert.process.name === "ln" && /\s-[A-Za-z]*s/.test(alert.process.cmdline ?? "")))) {
    return add("CE_VAR_LOG_SYMLINK", `symlink under /var/log: ${alert.process.cmdline ?? how}`);
  }
  if (mentionsRuntimeSocket(path)) return add("EXPLOIT_CONTAINERD_SOCK", `container runtime socket: ${how}`);
  if (isBlockDevice(path)) return add("CE_PRIV_MOUNT", `host block device: ${how}`);
  if (access !== "write" && isOwnToken(path)) return add("IDENTITY_ASSUME", `service account token: ${how}`);
  const secretDir = (ctx.mountedSecretPaths ?? []).find((dir) => isBelow(path, dir));
  if (access !== "write" && secretDir !== undefined) return add("SECRET_MOUNT", `mounted secret ${secretDir}: ${how}`);
  if (viaHost) add(access === "write" ? "EXPLOIT_HOST_WRITE" : "EXPLOIT_HOST_READ", `host file through a hostPath: ${how}`);
}
