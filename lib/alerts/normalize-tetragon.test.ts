import { describe, expect, it } from "vitest";
import { AlertParseError } from "./alert-parse-error";
import { normalizeTetragonEvent } from "./normalize-tetragon";
import { TETRAGON_EVENT_TYPES } from "./tetragon-schema";
import { splitBatch } from "./split-batch";
import { clone, readText, tetragonEvent, tetragonEvents, tetragonType } from "./test-fixtures";

type TObj = Record<string, unknown>;
type TProc = { binary?: string; arguments?: string; exec_id?: string; parent_exec_id?: string; pid?: number; pod?: TObj; cap?: { effective?: string[]; permitted?: string[] } };

type TBody = TObj & {
  process: TProc;
  parent?: TProc;
  policy_name?: string;
  function_name?: string;
  tags?: string[];
  args?: unknown;
  destination_ip?: string;
  destination_port?: number;
};
const body = (event: TObj) => event[tetragonType(event)] as TBody;

function parseError(fn: () => unknown): AlertParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AlertParseError) return error;
    throw error;
  }
  throw new Error("expected an AlertParseError");
}

const all = tetragonEvents();
const valid = all.filter((e) => Object.hasOwn(e.event, "time"));

describe("normalizeTetragonEvent on every Tetragon fixture", () => {
  it("finds fixtures of every kind the sources hold", () => {
    expect(new Set(all.map((e) => tetragonType(e.event)))).toEqual(
      new Set(["process_exec", "process_exit", "process_kprobe", "process_connect", "process_close", "process_listen"]),
    );
  });

  it.each(valid.map((e) => [e.name, e.event] as const))("%s keeps what the event says", (_name, event) => {
    const type = tetragonType(event);
    const { process, parent } = body(event);
    const pod = process.pod as { namespace?: string; name?: string; container?: { id?: string; name?: string; image?: { name?: string } } } | undefined;
    const alert = normalizeTetragonEvent(event);
    expect(alert.source).toBe("tetragon");
    expect(alert.eventType).toBe(type);
    expect(alert.activity).toBe(TETRAGON_EVENT_TYPES[type as keyof typeof TETRAGON_EVENT_TYPES].activity);
    expect(alert.activity).toBe(type !== "process_kprobe");
    expect(alert.hostname).toBe(event.node_name ?? null);
    expect(alert.time.toISOString().slice(0, 23)).toBe(String(event.time).slice(0, 23));
    expect(alert.process.execId).toBe(process.exec_id ?? null);
    expect(alert.process.pid).toBe(process.pid ?? null);
    expect(alert.process.name).toBe(process.binary?.split("/").pop() ?? null);
    expect(alert.process.cmdline?.startsWith(process.binary ?? "")).toBe(true);
    expect(alert.process.parent).toBe(parent?.binary?.split("/").pop() ?? null);
    expect(alert.namespace).toBe(pod?.namespace ?? null);
    expect(alert.pod).toBe(pod?.name ?? null);
    expect(alert.container).toBe(pod?.container?.name ?? null);
    expect(alert.image).toBe(pod?.container?.image?.name ?? null);
    if (pod?.container?.id) expect(pod.container.id.endsWith(`://${alert.containerId}`)).toBe(true);
    expect(alert.capabilities).toEqual(process.cap?.effective ?? process.cap?.permitted ?? []);
    expect(alert.output).toContain(alert.rule);
    expect(alert.output).not.toMatch(/[\n\r]/);
    expect(alert.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
    expect(alert.severity).toBe(alert.activity ? "informational" : "warning");
  });

  it("rejects Tetragon's testdata line that has no time, saying so", () => {
    const noTime = all.filter((e) => !Object.hasOwn(e.event, "time"));
    expect(noTime.length).toBeGreaterThan(0);
    for (const e of noTime) {
      const error = parseError(() => normalizeTetragonEvent(e.event));
      expect([error.field, error.message]).toEqual(["time", "time: required"]);
    }
  });

  it("reads the .jsonl docs to the same keys as the .json docs", () => {
    const batch = splitBatch(readText("tetragon/docs_events.jsonl"));
    if ("fatal" in batch) throw new Error(batch.fatal);
    const docs = all.filter((e) => e.name.includes(".md#"));
    expect(batch.items.map((item) => normalizeTetragonEvent(item).dedupeKey)).toEqual(docs.map((e) => normalizeTetragonEvent(e.event).dedupeKey));
  });
});

describe("rules, severity and evidence-bearing fields", () => {
  const fileAccess = () => tetragonEvent("filename-access.md#L123-L212");

  it("names a policy alert policy/function, and one without a policy type/function", () => {
    const withPolicy = fileAccess();
    const kprobe = body(withPolicy);
    expect(normalizeTetragonEvent(withPolicy).rule).toBe(`${kprobe.policy_name}/${kprobe.function_name}`);
    delete kprobe.policy_name;
    expect(normalizeTetragonEvent(withPolicy).rule).toBe(`process_kprobe/${kprobe.function_name}`);
  });

  it("reads security_file_permission's mask as read or write, and the file argument", () => {
    const event = fileAccess();
    const args = body(event).args as [{ file_arg: { path: string } }, { int_arg: number }];
    expect(normalizeTetragonEvent(event)).toMatchObject({ file: args[0].file_arg.path, fileAccess: (args[1].int_arg & 2) !== 0 ? "write" : "read" });
    args[1].int_arg = 4;
    expect(normalizeTetragonEvent(event).fileAccess).toBe("read");
  });

  it("rates alerts by option, then by policy tags, then warning; activity is informational", () => {
    const event = fileAccess();
    const kprobe = body(event);
    kprobe.tags = ["observability.filesystem", "severity:high", "T1003", "mitre_credential_access"];
    const tagged = normalizeTetragonEvent(event);
    expect(tagged.severity).toBe("error");
    expect(tagged.mitre).toEqual({ techniques: ["T1003"], tactics: ["credential-access"] });
    expect(normalizeTetragonEvent(event, { tetragonPolicySeverity: { [String(kprobe.policy_name)]: "critical" } }).severity).toBe("critical");
    kprobe.tags = [];
    expect(normalizeTetragonEvent(event, { tetragonDefaultSeverity: "notice" }).severity).toBe("notice");
    expect(normalizeTetragonEvent(tetragonEvent("process-execution.md#L56-L116")).severity).toBe("informational");
  });

  it("reads the peer of a sock_arg and of a legacy process_connect", () => {
    const event = fileAccess();
    body(event).args = [{ sock_arg: { family: "AF_INET", type: "SOCK_STREAM", protocol: "IPPROTO_TCP", saddr: "10.244.0.7", daddr: "169.254.169.254", sport: 41000, dport: 80 } }];
    expect(normalizeTetragonEvent(event).network).toEqual({ peerIp: "169.254.169.254", peerPort: 80, protocol: "tcp" });
    const connect = tetragonEvent("process_connect.json");
    const c = body(connect);
    expect(normalizeTetragonEvent(connect).network).toMatchObject({ peerIp: c.destination_ip, peerPort: c.destination_port });
  });

  it("falls back to the docker id when there is no pod", () => {
    const event = tetragonEvent("merlin-agent-go-connect.json");
    expect(normalizeTetragonEvent(event).containerId).toBe(body(event).process["docker" as keyof TProc]);
  });

  it("masks the pre-shared key on the merlin agent's command line everywhere", () => {
    const event = tetragonEvent("merlin-agent-go-connect.json");
    const psk = /-psk (\S+)/.exec(String(body(event).process.arguments))![1];
    const alert = normalizeTetragonEvent(event);
    expect(alert.process.cmdline).toContain("-psk ****");
    expect(JSON.stringify(alert)).not.toContain(psk);
  });
});

describe("dedupe keys", () => {
  const key = (e: TObj) => normalizeTetragonEvent(e).dedupeKey;
  const event = () => tetragonEvent("namespace-access.md#L118-L205");

  it("is stable for the same event and changes with time, node, exec_id or hook", () => {
    const base = key(event());
    expect(key(event())).toBe(base);
    const changes: ((e: TObj) => void)[] = [
      (e) => (e.time = "2026-01-30T18:15:20.000000001Z"),
      (e) => (e.node_name = "other-node"),
      (e) => (body(e).process.exec_id = "b3RoZXI="),
      (e) => (body(e).function_name = "__x64_sys_unshare"),
    ];
    const keys = changes.map((change) => {
      const e = event();
      change(e);
      return key(e);
    });
    for (const k of keys) expect(k).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("rejections name the field", () => {
  const exec = () => tetragonEvent("process-execution.md#L56-L116");

  it.each([
    ["an unknown event type", () => ({ process_throttle: {}, time: "2024-01-01T00:00:00Z" }), "process_throttle"],
    ["two event types", () => ({ ...exec(), process_exit: body(exec()) }), "event"],
    ["no event type", () => ({ node_name: "n", time: "2024-01-01T00:00:00Z" }), "event"],
    ["a body that is a string", () => ({ ...exec(), process_exec: "x" }), "process_exec"],
    ["a missing process", () => ({ ...exec(), process_exec: {} }), "process_exec.process"],
    ["a pid that is text", () => ({ ...exec(), process_exec: { process: { pid: "one" } } }), "process_exec.process.pid"],
    ["a binary that is an array", () => ({ ...exec(), process_exec: { process: { binary: ["/bin/sh"] } } }), "process_exec.process.binary"],
    ["a time that is a number", () => ({ ...exec(), time: 1700000000 }), "time"],
  ])("%s", (_name, build, field) => {
    expect(parseError(() => normalizeTetragonEvent(build())).field).toBe(field);
  });
});

describe("the sensor's own workload fields", () => {
  it("keeps Tetragon's pod.workload (and workload_kind when sent) for resolving pods newer than the inventory", () => {
    const withWorkload = tetragonEvents().find((e) => JSON.stringify(e.event).includes('"workload":"xwing"'))!;
    expect(withWorkload).toBeTruthy();
    const alert = normalizeTetragonEvent(clone(withWorkload.event));
    expect(alert.workload).toEqual({ kind: null, name: "xwing" });
    const typed = clone(withWorkload.event) as Record<string, { process?: { pod?: Record<string, unknown> } }>;
    const type = Object.keys(typed).find((k) => typed[k]?.process?.pod)!;
    typed[type].process!.pod!.workload_kind = "Deployment";
    expect(normalizeTetragonEvent(typed).workload).toEqual({ kind: "Deployment", name: "xwing" });
  });
});
