// Falco (http_output, falcosidekick) event → TNormalizedAlert. syscall events carry the workload in
// k8s.*/container.* fields; k8s_audit events carry the acting user and the target object in ka.*.
import { falcoDedupeKey } from "./dedupe-key";
import { parseEpochNs, parseRfc3339Ns, toEventTime } from "./event-time";
import { accessOf, fieldInt, fieldText, fileOf, firstText, imageOf, networkOf, type TFields } from "./falco-fields";
import { ZFalcoEvent } from "./falco-schema";
import { mitreFromTags } from "./mitre";
import { resolveOptions, type TResolvedOptions } from "./normalize-options";
import { parseWith } from "./parse-with";
import { falcoPodLabels } from "./pod-labels";
import { boundRawPayload } from "./raw-payload";
import { severityFromFalcoPriority } from "./severity";
import type { TAuditTarget, TNormalizeOptions, TNormalizedAlert } from "./types";

const MAX_TAGS = 100;

/** Normalizes one Falco event; throws AlertParseError naming the field at fault. */
export function normalizeFalcoEvent(input: unknown, opts?: TNormalizeOptions): TNormalizedAlert {
  const o = resolveOptions(opts);
  const event = parseWith(ZFalcoEvent, input, "");
  const severity = severityFromFalcoPriority(event.priority);
  const fields: TFields = event.output_fields ?? {};
  const source = o.name(event.source ?? "syscall");
  const { time, timeNs } = toEventTime(eventTimeNs(event.time, fields));
  const rule = o.name(event.rule);
  const hostname = o.name(event.hostname?.trim() || null);
  const tags = (event.tags ?? []).slice(0, MAX_TAGS).map((tag) => o.name(tag));
  const audit = source === "k8s_audit" ? auditTargetOf(fields, o) : null;
  const output = maskOutput(event.output, audit, o);
  const onHost = fieldText(fields, "container.id") === "host";
  return {
    source: "falco",
    eventType: source,
    activity: false,
    rule,
    severity,
    time,
    timeNs,
    tags,
    mitre: mitreFromTags(tags),
    hostname,
    namespace: o.name(audit ? audit.namespace : fieldText(fields, "k8s.ns.name")),
    // An audit event's pod is the pod it acted on (exec, attach, create), not one it runs in.
    pod: o.name(audit ? (audit.resource === "pods" ? audit.name : null) : fieldText(fields, "k8s.pod.name")),
    workload: audit ? null : sensorWorkload(fields, o),
    podLabels: audit ? null : falcoPodLabels(fields, o),
    container: onHost ? null : o.name(fieldText(fields, "container.name")),
    containerId: onHost ? null : o.name(fieldText(fields, "container.id")),
    image: o.name(imageOf(fields)),
    process: {
      name: o.name(fieldText(fields, "proc.name")),
      cmdline: o.text(fieldText(fields, "proc.cmdline")),
      parent: o.name(fieldText(fields, "proc.pname")),
      user: o.name(fieldText(fields, "user.name")),
      pid: fieldInt(fields, "proc.pid", 0, 2 ** 32),
      execId: null,
      parentExecId: null,
    },
    auditUser: audit ? o.name(fieldText(fields, "ka.user.name")) : null,
    auditTarget: audit,
    network: networkOf(fields),
    file: o.text(fileOf(fields)),
    fileAccess: accessOf(fields, rule),
    operation: o.name(fieldText(fields, "evt.type")),
    capabilities: capabilitiesOf(fields, o),
    output,
    rawJson: boundRawPayload(input, o.extra, o.maxField, o.maxRawBytes, o.prepared),
    dedupeKey: falcoDedupeKey(source, timeNs, rule, hostname, output),
  };
}

// `time` is required and exact; `evt.time` wins when present (see parseEpochNs on lost digits).
function eventTimeNs(timeText: string, fields: TFields): bigint {
  const fromTime = parseRfc3339Ns(timeText, "time");
  if (!Object.hasOwn(fields, "evt.time") || fields["evt.time"] === null) return fromTime;
  return parseEpochNs(fields["evt.time"], 'output_fields["evt.time"]', fromTime) ?? fromTime;
}

function auditTargetOf(fields: TFields, o: TResolvedOptions): TAuditTarget {
  const code = fieldText(fields, "ka.response.code");
  return {
    verb: o.name(fieldText(fields, "ka.verb")),
    resource: o.name(fieldText(fields, "ka.target.resource")),
    subresource: o.name(fieldText(fields, "ka.target.subresource")),
    namespace: o.name(fieldText(fields, "ka.target.namespace")),
    name: o.name(fieldText(fields, "ka.target.name")),
    responseCode: code !== null && /^\d{3}$/.test(code.trim()) ? Number(code) : null,
  };
}

// Falco's Secret rules print "secret=<name>": a Secret's name, not its value, and the analyst needs it.
function maskOutput(output: string, audit: TAuditTarget | null, o: TResolvedOptions): string {
  const name = audit?.resource === "secrets" ? audit.name : null;
  if (name === null || name.length > 253 || /[\s\uE000]/.test(name)) return o.text(output);
  const shown = `secret=${name}`;
  const exact = new RegExp(`secret=${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[\\s)]|$)`, "g");
  return o.text(output.replace(exact, "\uE000")).replaceAll("\uE000", shown);
}

function capabilitiesOf(fields: TFields, o: TResolvedOptions): string[] {
  const text = firstText(fields, ["thread.cap_effective", "thread.cap_permitted"]);
  if (text === null) return [];
  return text.split(/[\s,]+/).filter((c) => c !== "").slice(0, 64).map((c) => o.name(c));
}

// Falco's k8smeta plugin names the pod's controllers; the top one that is set is its workload.
const K8SMETA_WORKLOADS: [string, string][] = [
  ["k8smeta.deployment.name", "Deployment"],
  ["k8smeta.statefulset.name", "StatefulSet"],
  ["k8smeta.daemonset.name", "DaemonSet"],
  ["k8smeta.cronjob.name", "CronJob"],
  ["k8smeta.job.name", "Job"],
  ["k8smeta.rs.name", "ReplicaSet"],
];

function sensorWorkload(fields: TFields, o: TResolvedOptions): TNormalizedAlert["workload"] {
  for (const [field, kind] of K8SMETA_WORKLOADS) {
    const name = fieldText(fields, field);
    if (name) return { kind, name: o.name(name) };
  }
  return null;
}

