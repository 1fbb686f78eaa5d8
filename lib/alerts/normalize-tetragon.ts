// Tetragon event (JSON export) → TNormalizedAlert. process_exec/exit are activity for process trees;
// kprobe/lsm/tracepoint/uprobe/usdt events come from a TracingPolicy and are alerts.
import { AlertParseError, describeType } from "./alert-parse-error";
import { tetragonDedupeKey } from "./dedupe-key";
import { parseRfc3339Ns, toEventTime } from "./event-time";
import { mitreFromTags } from "./mitre";
import { resolveOptions, type TResolvedOptions } from "./normalize-options";
import { boundedLabels } from "./pod-labels";
import { isRecord, parseWith } from "./parse-with";
import { boundRawPayload } from "./raw-payload";
import { severityFromTags } from "./severity";
import { normalizeProtocol, readHookArgs, type THookFacts } from "./tetragon-args";
import { TETRAGON_EVENT_TYPES, ZTetragonEnvelope, type TTetragonEventType, type TTetragonProcess } from "./tetragon-schema";
import { singleLine } from "./text";
import type { TNetworkPeer, TNormalizeOptions, TNormalizedAlert, TSeverity } from "./types";

// Keys beside the event type; the prototype keys are never a type, whatever a payload says.
const NOT_A_TYPE = new Set(["node_name", "time", "cluster_name", "node_labels", "aggregation_info", "__proto__", "constructor", "prototype"]);
const KNOWN_TYPES = Object.keys(TETRAGON_EVENT_TYPES) as TTetragonEventType[];
const MAX_TAGS = 100;

// The fields every body may carry; the schemas in tetragon-schema.ts say which each one has.
type TBody = {
  process: TTetragonProcess;
  parent?: TTetragonProcess | null;
  policy_name?: string | null;
  function_name?: string | null;
  subsys?: string | null;
  event?: string | null;
  symbol?: string | null;
  provider?: string | null;
  name?: string | null;
  path?: string | null;
  args?: unknown;
  action?: string | null;
  tags?: string[] | null;
  destination_ip?: string | null;
  destination_port?: number | null;
  ip?: string | null;
  port?: number | null;
  protocol?: string | null;
  signal?: string | null;
  status?: number | null;
};

/** Normalizes one Tetragon event; throws AlertParseError naming the field at fault. */
export function normalizeTetragonEvent(input: unknown, opts?: TNormalizeOptions): TNormalizedAlert {
  const o = resolveOptions(opts);
  if (!isRecord(input)) throw new AlertParseError("event", `expected a JSON object, got ${describeType(input)}`);
  const eventType = eventTypeOf(input);
  const { activity, body: schema } = TETRAGON_EVENT_TYPES[eventType];
  const envelope = parseWith(ZTetragonEnvelope, input, "");
  const body = parseWith(schema, input[eventType], eventType) as TBody;
  const { time, timeNs } = toEventTime(parseRfc3339Ns(envelope.time, "time"));
  const hostname = o.name(envelope.node_name?.trim() || null);
  const p = body.process;
  const hook = hookName(eventType, body);
  const policy = body.policy_name?.trim() || null;
  const rule = o.name(activity ? eventType : policy ? (hook ? `${policy}/${hook}` : policy) : hook ? `${eventType}/${hook}` : eventType);
  const tags = (body.tags ?? []).slice(0, MAX_TAGS).map((tag) => o.name(tag));
  const facts: THookFacts = activity ? { file: null, network: null, access: null, notes: [] } : readHookArgs(body.args, body.function_name ?? null);
  const network = activity ? socketPeer(eventType, body) : facts.network;
  const execId = o.name(p.exec_id || null);
  const cmdline = p.binary ? (p.arguments ? `${p.binary} ${p.arguments}` : p.binary) : null;
  const file = eventType === "process_loader" ? body.path || null : facts.file;
  const output = o.text(summarize(eventType, rule, cmdline, file, network, facts.notes, body, p));
  return {
    source: "tetragon",
    eventType,
    activity,
    rule,
    severity: activity ? "informational" : severityOf(policy, tags, o),
    time,
    timeNs,
    tags,
    mitre: mitreFromTags(tags),
    hostname,
    namespace: o.name(p.pod?.namespace || null),
    pod: o.name(p.pod?.name || null),
    workload: p.pod?.workload ? { kind: o.name(p.pod.workload_kind || null), name: o.name(p.pod.workload) } : null,
    podLabels: boundedLabels(p.pod?.pod_labels ?? null, o),
    container: o.name(p.pod?.container?.name || null),
    // Without pod metadata (plain Docker), `docker` still holds the container id's prefix.
    containerId: o.name(bareContainerId(p.pod?.container?.id) ?? (p.docker || null)),
    image: o.name(p.pod?.container?.image?.name || null),
    process: {
      name: o.name(basename(p.binary)),
      cmdline: o.text(cmdline),
      parent: o.name(basename(body.parent?.binary)),
      user: o.name(p.user?.name || (p.uid === null || p.uid === undefined ? null : String(p.uid))),
      pid: p.pid ?? null,
      execId,
      parentExecId: o.name(p.parent_exec_id || body.parent?.exec_id || null),
    },
    auditUser: null,
    auditTarget: null,
    network,
    file: o.text(file),
    fileAccess: facts.access,
    operation: o.name(hook),
    capabilities: (p.cap?.effective ?? p.cap?.permitted ?? []).slice(0, 64).map((c) => o.name(c)),
    output,
    rawJson: boundRawPayload(input, o.extra, o.maxField, o.maxRawBytes, o.prepared),
    dedupeKey: tetragonDedupeKey(eventType, hostname, timeNs, execId, rule),
  };
}

function eventTypeOf(input: Record<string, unknown>): TTetragonEventType {
  const keys = Object.keys(input);
  const known = KNOWN_TYPES.filter((type) => Object.hasOwn(input, type));
  if (known.length > 1) throw new AlertParseError("event", `more than one event type (${known.join(", ")})`);
  if (known.length === 1) return known[0];
  const other = keys.find((key) => key.startsWith("process_")) ?? keys.find((key) => !NOT_A_TYPE.has(key));
  if (other !== undefined) throw new AlertParseError(other.slice(0, 64), `unknown Tetragon event type; expected one of ${KNOWN_TYPES.join(", ")}`);
  throw new AlertParseError("event", `no event type; expected one of ${KNOWN_TYPES.join(", ")}`);
}

/** The kernel function, tracepoint, symbol or probe the policy hooked. */
function hookName(eventType: TTetragonEventType, body: TBody): string | null {
  switch (eventType) {
    case "process_kprobe":
    case "process_lsm":
      return body.function_name || null;
    case "process_tracepoint":
      return body.subsys && body.event ? `${body.subsys}/${body.event}` : body.event || body.subsys || null;
    case "process_uprobe":
      return body.symbol || null;
    case "process_usdt":
      return body.provider && body.name ? `${body.provider}/${body.name}` : body.name || null;
    default:
      return null;
  }
}

function severityOf(policy: string | null, tags: readonly string[], o: TResolvedOptions): TSeverity {
  if (policy !== null && Object.hasOwn(o.policySeverity, policy)) return o.policySeverity[policy];
  return severityFromTags(tags) ?? o.defaultSeverity;
}

function socketPeer(eventType: TTetragonEventType, body: TBody): TNetworkPeer | null {
  if (eventType !== "process_connect" && eventType !== "process_close") return null;
  if (!body.destination_ip && (body.destination_port === null || body.destination_port === undefined)) return null;
  const port = body.destination_port ?? null;
  return { peerIp: body.destination_ip || null, peerPort: port !== null && port <= 65535 ? port : null, protocol: normalizeProtocol(body.protocol) };
}

function summarize(eventType: TTetragonEventType, rule: string, cmdline: string | null, file: string | null, network: TNetworkPeer | null, notes: readonly string[], body: TBody, p: TTetragonProcess): string {
  const parts = [`${rule}:`, cmdline ?? "(unknown process)"];
  if (file) parts.push(`file=${file}`);
  if (network) parts.push(`peer=${network.peerIp ?? "?"}:${network.peerPort ?? "?"}${network.protocol ? `/${network.protocol}` : ""}`);
  if (eventType === "process_listen") parts.push(`listen=${body.ip ?? "?"}:${body.port ?? "?"}`);
  parts.push(...notes.slice(0, 8));
  if (body.action) parts.push(`action=${body.action}`);
  if (eventType === "process_exit") parts.push(`status=${body.status ?? 0}${body.signal ? ` signal=${body.signal}` : ""}`);
  if (p.pod?.namespace && p.pod.name) parts.push(`pod=${p.pod.namespace}/${p.pod.name}`);
  return singleLine(parts.join(" "));
}

function basename(path: string | null | undefined): string | null {
  if (!path) return null;
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base === "" ? path : base;
}

// "containerd://551e…" → "551e…": Falco reports bare ids, so both sources match on the same value.
function bareContainerId(id: string | null | undefined): string | null {
  if (!id) return null;
  const scheme = id.indexOf("://");
  return scheme >= 0 && scheme < 32 ? id.slice(scheme + 3) || null : id;
}

