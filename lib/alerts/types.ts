// The one normalized alert record that Falco and Tetragon events become, and the options
// that shape normalization. Storage, correlation and scoring build on these types.

import type { TMaskPattern } from "./mask-patterns";

export type TAlertSource = "falco" | "tetragon";

/** Falco's priority names in lower case, most severe first (see `SEVERITIES`). */
export type TSeverity = "emergency" | "alert" | "critical" | "error" | "warning" | "notice" | "informational" | "debug";

export interface TAlertProcess {
  /** basename of the executable (Falco `proc.name`, Tetragon basename of `binary`) */
  name: string | null;
  cmdline: string | null;
  /** parent process name (Falco `proc.pname`, Tetragon basename of `parent.binary`) */
  parent: string | null;
  /** user name (Falco `user.name`, Tetragon `process.user.name`, else the uid as a decimal string) */
  user: string | null;
  pid: number | null;
  /** Tetragon `exec_id`: unique per process across the cluster and over time */
  execId: string | null;
  parentExecId: string | null;
}

export interface TNetworkPeer {
  /** the remote end as the process sees it (the server for an outbound connection) */
  peerIp: string | null;
  peerPort: number | null;
  /** lower case: "tcp", "udp", … */
  protocol: string | null;
}

/** What a Kubernetes audit event acted on (Falco `ka.*` fields). */
export interface TAuditTarget {
  verb: string | null;
  resource: string | null;
  subresource: string | null;
  namespace: string | null;
  name: string | null;
  responseCode: number | null;
}

export interface TMitre {
  /** technique ids, upper case: "T1611", "T1059.004" */
  techniques: string[];
  /** ATT&CK tactic short names: "privilege-escalation", "credential-access", … (see `MITRE_TACTICS`) */
  tactics: string[];
}

export interface TNormalizedAlert {
  source: TAlertSource;
  /** "syscall" | "k8s_audit" | other Falco source, or the Tetragon event type ("process_kprobe", …) */
  eventType: string;
  /** true for events that are activity, not alerts (Tetragon process_exec / process_exit): stored for process trees, open no incident */
  activity: boolean;
  /** Falco rule, or Tetragon `policy/function`, `<event type>/function`, or the event type */
  rule: string;
  severity: TSeverity;
  /** event time, millisecond precision; the exact value is `timeNs` */
  time: Date;
  /** event time in nanoseconds since the epoch, as a decimal string */
  timeNs: string;
  tags: string[];
  mitre: TMitre;
  /** Falco hostname / Tetragon node_name */
  hostname: string | null;
  namespace: string | null;
  pod: string | null;
  /** the pod's workload as the sensor reports it (Tetragon pod.workload/workload_kind, Falco k8smeta fields); null when not sent */
  workload: { kind: string | null; name: string } | null;
  /** the pod's labels when the sensor sends them (Tetragon pod_labels, Falco k8s.pod.labels / k8smeta.pod.labels); null otherwise */
  podLabels: Record<string, string> | null;
  container: string | null;
  /** bare container id without the runtime scheme (`containerd://`); null for host processes */
  containerId: string | null;
  image: string | null;
  process: TAlertProcess;
  /** k8s_audit: the acting user ("system:serviceaccount:<ns>:<name>" or a person); null otherwise */
  auditUser: string | null;
  /** k8s_audit: what the request acted on; null otherwise */
  auditTarget: TAuditTarget | null;
  network: TNetworkPeer | null;
  /** fd.name / file path / kprobe file argument */
  file: string | null;
  /** how `file` was accessed when the event says so (open flags, syscall, kprobe mask, rule) */
  fileAccess: "read" | "write" | null;
  /** the syscall or kernel function behind the event: Falco `evt.type`, Tetragon function / tracepoint / symbol */
  operation: string | null;
  /** Tetragon capabilities (effective, else permitted) */
  capabilities: string[];
  /** Falco output line, or a one-line summary built for Tetragon events; secrets masked */
  output: string;
  /** JSON text of the original payload with secret-looking values masked and its size bounded (see `TTruncatedRaw`) */
  rawJson: string;
  /** hex sha256 (Falco: source + time + rule + hostname + output; Tetragon: type + node + time + exec_id + rule) */
  dedupeKey: string;
}

export interface TNormalizeOptions {
  /** extra secret patterns (MASK_PATTERNS, compiled on RE2); a named group `secret` masks only that part of the match */
  maskPatterns?: readonly TMaskPattern[];
  /** cap for every string field, default 8 KiB; longer text ends in "…[truncated]" */
  maxFieldLength?: number;
  /** cap for the serialized raw payload, default 64 KiB; above it `rawJson` holds a `TTruncatedRaw` */
  maxRawBytes?: number;
  /** Tetragon: severity per policy name; wins over policy tags */
  tetragonPolicySeverity?: Record<string, TSeverity>;
  /** Tetragon: severity of a policy alert that neither map nor tags rate, default "warning" */
  tetragonDefaultSeverity?: TSeverity;
}

/** What `rawJson` holds when the masked payload is larger than `maxRawBytes`. */
export interface TTruncatedRaw {
  truncated: true;
  /** the payload with long strings, arrays and objects cut short, or the start of its JSON text */
  preview: unknown;
}
