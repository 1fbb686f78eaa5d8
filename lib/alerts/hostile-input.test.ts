import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AlertParseError } from "./alert-parse-error";
import { TOO_DEEP } from "./mask-deep";
import { normalizeFalcoEvent } from "./normalize-falco";
import { normalizeTetragonEvent } from "./normalize-tetragon";
import { DEFAULT_MAX_RAW_BYTES, isTruncatedRaw } from "./raw-payload";
import { clone, falcoExamples, tetragonEvents, tetragonType } from "./test-fixtures";
import { DEFAULT_MAX_FIELD_LENGTH, TRUNCATION_MARK } from "./text";
import type { TNormalizedAlert } from "./types";

type TNormalize = (input: unknown) => TNormalizedAlert;
const NORMALIZERS: [string, TNormalize][] = [
  ["falco", (input) => normalizeFalcoEvent(input)],
  ["tetragon", (input) => normalizeTetragonEvent(input)],
];

/** Normalizes, or checks that the only failure is an AlertParseError; a valid alert must be storable. */
function outcome(normalize: TNormalize, input: unknown): TNormalizedAlert | AlertParseError {
  try {
    const alert = normalize(input);
    const text = JSON.stringify(alert);
    expect(text).not.toContain("\\u0000");
    expect(Buffer.byteLength(alert.rawJson)).toBeLessThanOrEqual(DEFAULT_MAX_RAW_BYTES);
    for (const value of [alert.output, alert.rule, alert.process.cmdline ?? "", alert.file ?? ""]) {
      expect(value.length).toBeLessThanOrEqual(DEFAULT_MAX_FIELD_LENGTH + TRUNCATION_MARK.length);
    }
    expect(alert.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
    return alert;
  } catch (error) {
    if (error instanceof AlertParseError) return error;
    throw error;
  }
}

// Built iteratively: a recursive builder would itself overflow the stack the test is about.
function nested(depth: number, leaf: unknown, array = false): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  return value;
}

const falcoBase = () => clone(falcoExamples().find((e) => e.event.source === "syscall")!.event);
const kprobeBase = () => clone(tetragonEvents().find((e) => e.name.startsWith("filename-access"))!.event);
const kprobeBody = (event: Record<string, unknown>) => event.process_kprobe as Record<string, unknown> & { process: Record<string, unknown> };

describe("hostile input", () => {
  it("survives 10,000 levels of nesting anywhere, storing it cut at the depth cap", () => {
    const cases: [TNormalize, unknown][] = [
      [NORMALIZERS[0][1], nested(10_000, 1)],
      [NORMALIZERS[0][1], nested(10_000, "x", true)],
      [NORMALIZERS[0][1], { ...falcoBase(), output_fields: { ...(falcoBase().output_fields as object), "k8s.ns.name": nested(10_000, "ns") } }],
      [NORMALIZERS[0][1], { ...falcoBase(), extra: nested(10_000, "x") }],
      [NORMALIZERS[1][1], nested(10_000, 1)],
      [NORMALIZERS[1][1], { ...kprobeBase(), extra: nested(10_000, [1], true) }],
    ];
    const withArgs = kprobeBase();
    kprobeBody(withArgs).args = [nested(10_000, { file_arg: { path: "/etc/shadow" } }), { file_arg: nested(10_000, "p") }];
    cases.push([NORMALIZERS[1][1], withArgs]);
    const results = cases.map(([normalize, input]) => outcome(normalize, input));
    expect(results.map((r) => r instanceof AlertParseError)).toEqual([true, true, true, false, true, false, false]);
    expect((results[3] as TNormalizedAlert).rawJson).toContain(TOO_DEEP);
    expect((results[6] as TNormalizedAlert).rawJson).toContain(TOO_DEEP);
  });

  it("never lets __proto__, constructor or prototype keys answer for a field or reach Object.prototype", () => {
    const falco = JSON.parse(
      `{"__proto__":{"rule":"Injected","polluted":1},"priority":"Warning","output":"o","time":"2024-01-01T00:00:00Z",` +
        `"output_fields":{"__proto__":{"k8s.ns.name":"kube-system"},"constructor":{"prototype":{"polluted":2}}}}`,
    );
    expect((outcome(NORMALIZERS[0][1], falco) as AlertParseError).field).toBe("rule");
    falco.rule = "Terminal shell in container";
    const alert = outcome(NORMALIZERS[0][1], falco) as TNormalizedAlert;
    expect(alert.namespace).toBeNull();
    expect(alert.rawJson).not.toContain("polluted");
    const tetragon = JSON.parse(`{"__proto__":{"process_exec":{"process":{}}},"time":"2024-01-01T00:00:00Z"}`);
    expect((outcome(NORMALIZERS[1][1], tetragon) as AlertParseError).field).toBe("event");
    const exec = JSON.parse(`{"process_exec":{"process":{"__proto__":{"binary":"/bin/evil"},"pod":{"__proto__":{"name":"victim"}}}},"time":"2024-01-01T00:00:00Z"}`);
    const execAlert = outcome(NORMALIZERS[1][1], exec) as TNormalizedAlert;
    expect([execAlert.process.name, execAlert.pod]).toEqual([null, null]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("caps a 5 MB field in every place it shows, quickly", () => {
    const huge = `${"A".repeat(5 * 1024 * 1024)} --password hunter2`;
    const falco = { ...falcoBase(), output: huge, output_fields: { ...(falcoBase().output_fields as object), "proc.cmdline": huge } };
    const tetragon = kprobeBase();
    kprobeBody(tetragon).process.arguments = huge;
    const started = Date.now();
    const alerts = [outcome(NORMALIZERS[0][1], falco), outcome(NORMALIZERS[1][1], tetragon)] as TNormalizedAlert[];
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const alert of alerts) {
      expect(alert.output.endsWith(TRUNCATION_MARK)).toBe(true);
      expect(alert.process.cmdline?.endsWith(TRUNCATION_MARK)).toBe(true);
      expect(alert.rawJson.length).toBeLessThan(huge.length / 50);
    }
  });

  it("keeps a preview with a flag when the masked payload is still too big", () => {
    const event = falcoBase();
    event.output_fields = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`custom.field${i}`, "x".repeat(2000)]));
    const alert = outcome(NORMALIZERS[0][1], event) as TNormalizedAlert;
    expect(isTruncatedRaw(JSON.parse(alert.rawJson))).toBe(true);
    const small = outcome(NORMALIZERS[0][1], falcoBase()) as TNormalizedAlert;
    expect(isTruncatedRaw(JSON.parse(small.rawJson))).toBe(false);
    // A payload dressed up as a preview is still just a payload.
    const forged = outcome(NORMALIZERS[0][1], { ...falcoBase(), truncated: true, preview: "x" }) as TNormalizedAlert;
    expect(isTruncatedRaw(JSON.parse(forged.rawJson))).toBe(false);
  });
});

describe("property: only AlertParseError, whatever arrives", () => {
  it.each(NORMALIZERS)("%s on arbitrary JSON values", (_name, normalize) => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void outcome(normalize, value)), { numRuns: 500 });
  });

  const falcoKeys = ["k8s.ns.name", "k8s.pod.name", "container.id", "container.image.repository", "container.image.tag", "proc.name", "proc.cmdline", "proc.pid", "fd.name", "fd.sport", "fd.rport", "fd.sip", "fd.l4proto", "fd.type", "evt.time", "evt.type", "evt.arg.flags", "ka.user.name", "ka.target.resource", "ka.response.code", "thread.cap_effective"];
  const fieldValue = fc.oneof(fc.string(), fc.integer(), fc.constant("<NA>"), fc.constant(null), fc.double(), fc.jsonValue(), fc.bigInt({ min: 0n, max: 10n ** 19n }).map(String));

  it("falco on events shaped like Falco's", () => {
    const event = fc.record(
      {
        rule: fc.oneof(fc.string(), fc.jsonValue()),
        priority: fc.oneof(fc.constantFrom("Warning", "INFO", "debug", "Critical"), fc.jsonValue()),
        output: fc.oneof(fc.string(), fc.jsonValue()),
        time: fc.oneof(fc.constantFrom("2024-05-01T10:00:00.123456789Z", "2024-05-01T10:00:00+02:00"), fc.string(), fc.jsonValue()),
        source: fc.oneof(fc.constantFrom("syscall", "k8s_audit"), fc.jsonValue()),
        tags: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
        output_fields: fc.oneof(fc.dictionary(fc.constantFrom(...falcoKeys), fieldValue), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(event, (value) => void outcome(NORMALIZERS[0][1], value)), { numRuns: 1000 });
  });

  it("tetragon on events shaped like Tetragon's", () => {
    const process = fc.record(
      { binary: fc.oneof(fc.string(), fc.jsonValue()), arguments: fc.string(), pid: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()), exec_id: fc.string(), pod: fc.jsonValue(), cap: fc.jsonValue(), docker: fc.string() },
      { requiredKeys: [] },
    );
    const arg = fc.dictionary(fc.constantFrom("file_arg", "sock_arg", "sockaddr_arg", "skb_arg", "int_arg", "string_arg", "module_arg", "capability_arg"), fc.jsonValue());
    const body = fc.record(
      { process, parent: process, function_name: fc.string(), policy_name: fc.string(), args: fc.oneof(fc.array(arg), fc.jsonValue()), tags: fc.array(fc.string()), subsys: fc.string(), event: fc.string() },
      { requiredKeys: [] },
    );
    const event = fc.tuple(fc.constantFrom("process_exec", "process_exit", "process_kprobe", "process_tracepoint", "process_lsm", "process_connect", "process_bogus"), body, fc.oneof(fc.constant("2024-05-01T10:00:00Z"), fc.jsonValue()), fc.jsonValue())
      .map(([type, b, time, node]) => ({ [type]: b, time, node_name: node }));
    fc.assert(fc.property(event, (value) => void outcome(NORMALIZERS[1][1], value)), { numRuns: 1000 });
  });

  // Every real event with one value somewhere replaced by an arbitrary one.
  const fixtures: [TNormalize, Record<string, unknown>][] = [
    ...falcoExamples().map((e) => [NORMALIZERS[0][1], e.event] as [TNormalize, Record<string, unknown>]),
    ...tetragonEvents().map((e) => [NORMALIZERS[1][1], e.event] as [TNormalize, Record<string, unknown>]),
  ];
  it("either normalizer on real events with one value replaced", () => {
    const mutation = fc.tuple(fc.nat(fixtures.length - 1), fc.nat(), fc.oneof(fc.jsonValue(), fc.constant(undefined)));
    fc.assert(
      fc.property(mutation, ([which, pick, replacement]) => {
        const [normalize, original] = fixtures[which];
        const event = clone(original);
        const slots = slotsOf(event);
        const [parent, key] = slots[pick % slots.length];
        if (replacement === undefined) delete parent[key];
        else parent[key] = replacement;
        void outcome(normalize, event);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps the fixtures' event types in reach of the mutation test", () => {
    expect(new Set(tetragonEvents().map((e) => tetragonType(e.event))).size).toBeGreaterThan(3);
  });
});

function slotsOf(root: Record<string, unknown>): [Record<string, unknown>, string][] {
  const slots: [Record<string, unknown>, string][] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    for (const key of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, key]);
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return slots;
}
