import { describe, expect, it } from "vitest";
import { AlertParseError } from "./alert-parse-error";
import { compileMaskPatterns } from "./mask-patterns";
import { normalizeFalcoEvent } from "./normalize-falco";
import { splitBatch } from "./split-batch";
import { clone, falcoExamples, falcoRule, readText } from "./test-fixtures";

type TEvent = Record<string, unknown> & { output_fields?: Record<string, unknown> };

// Independent of event-time.ts: Date.parse for the seconds, the fraction's digits for the rest.
function nsFromIso(text: string): bigint {
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? "";
  return BigInt(Date.parse(text.replace(/\.\d+/, ""))) * 1_000_000n + BigInt(fraction.slice(0, 9).padEnd(9, "0"));
}

const examples = falcoExamples();
const terminalShell = () => clone(examples.find((e) => e.event.rule === "Terminal shell in container" && e.event.source === "syscall")!.event) as TEvent;
const fields = (e: TEvent) => e.output_fields as Record<string, unknown>;

function parseError(fn: () => unknown): AlertParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AlertParseError) return error;
    throw error;
  }
  throw new Error("expected an AlertParseError");
}

describe("normalizeFalcoEvent on the Falco website examples", () => {
  it.each(examples.map((e) => [e.name, e.event] as const))("%s keeps what the event says", (_name, raw) => {
    const event = raw as TEvent;
    const f = event.output_fields ?? {};
    const alert = normalizeFalcoEvent(event);
    const na = (v: unknown) => (v === null || v === undefined || v === "<NA>" ? null : v);
    expect(alert.source).toBe("falco");
    expect(alert.rule).toBe(event.rule);
    expect(alert.severity).toBe(String(event.priority).toLowerCase());
    expect(alert.eventType).toBe(event.source ?? "syscall");
    expect(alert.activity).toBe(false);
    expect(alert.hostname).toBe(event.hostname ?? null);
    expect(alert.output).toBe(event.output);
    expect(alert.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
    expect(alert.time.getTime()).toBe(Date.parse(String(event.time)));
    // evt.time wins; a JSON number of ns has lost its last digits, so agreement is within a microsecond.
    const diff = BigInt(alert.timeNs) - BigInt(Math.round(Number(f["evt.time"])));
    expect(diff <= 1000n && diff >= -1000n).toBe(true);
    if (alert.eventType === "k8s_audit") {
      expect(alert.auditUser).toBe(f["ka.user.name"]);
      expect(alert.namespace).toBe(na(f["ka.target.namespace"]));
      expect(alert.auditTarget?.resource).toBe(f["ka.target.resource"]);
      expect(alert.pod).toBe(f["ka.target.resource"] === "pods" ? f["ka.target.name"] : null);
      expect(alert.process.name).toBeNull();
    } else {
      expect(alert.auditUser).toBeNull();
      expect(alert.namespace).toBe(na(f["k8s.ns.name"]));
      expect(alert.pod).toBe(na(f["k8s.pod.name"]));
      expect(alert.containerId).toBe(na(f["container.id"]));
      expect(alert.process.cmdline).toBe(na(f["proc.cmdline"]));
      expect(alert.process.parent).toBe(na(f["proc.pname"]));
      const repo = na(f["container.image.repository"]);
      expect(alert.image).toBe(repo === null ? null : f["container.image.tag"] ? `${repo}:${f["container.image.tag"]}` : repo);
    }
    expect(JSON.parse(alert.rawJson)).toEqual(event);
  });

  it("reads the .jsonl copy to the same alerts as the .json one", () => {
    const batch = splitBatch(readText("falco/alerts/falco_website_examples.jsonl"));
    if ("fatal" in batch) throw new Error(batch.fatal);
    expect(batch.errors).toEqual([]);
    const fromJsonl = batch.items.map((item) => normalizeFalcoEvent(item).dedupeKey);
    expect(fromJsonl).toEqual(examples.map((e) => normalizeFalcoEvent(e.event).dedupeKey));
    expect(new Set(fromJsonl).size).toBe(fromJsonl.length);
  });

  it("uses the exact RFC 3339 time when evt.time, a JSON number, lost its last digits", () => {
    const event = examples.find((e) => String(e.event.time).endsWith(".82302759Z"))!.event as TEvent;
    const evtTime = fields(event)["evt.time"] as number;
    expect(Number.isSafeInteger(evtTime)).toBe(false);
    const alert = normalizeFalcoEvent(event);
    expect(alert.timeNs).toBe(nsFromIso(String(event.time)).toString());
    expect(alert.timeNs).not.toBe(BigInt(evtTime).toString());
  });

  it("lets evt.time win over time, as a digit string with full precision", () => {
    const event = terminalShell();
    const ns = nsFromIso(String(event.time)) + 5_000_000_123n;
    fields(event)["evt.time"] = ns.toString();
    const alert = normalizeFalcoEvent(event);
    expect(alert.timeNs).toBe(ns.toString());
    expect(alert.time.getTime()).toBe(Number(ns / 1_000_000n));
  });

  it("falls back to time when evt.time is absent, null, or the clock-only text of old Falco versions", () => {
    for (const value of [undefined, null, "13:44:05.478445995"]) {
      const event = terminalShell();
      if (value === undefined) delete fields(event)["evt.time"];
      else fields(event)["evt.time"] = value;
      expect(normalizeFalcoEvent(event).timeNs).toBe(nsFromIso(String(event.time)).toString());
    }
  });

  it("defaults a missing source to syscall", () => {
    const event = terminalShell();
    delete event.source;
    expect(normalizeFalcoEvent(event).eventType).toBe("syscall");
  });

  it("treats absent, null and <NA> fields alike", () => {
    const keys = ["k8s.ns.name", "k8s.pod.name", "container.id", "container.image.repository", "proc.pname", "user.name", "proc.cmdline", "fd.name"];
    for (const variant of ["absent", null, "<NA>", ""] as const) {
      const event = terminalShell();
      for (const key of keys) {
        if (variant === "absent") delete fields(event)[key];
        else fields(event)[key] = variant;
      }
      const alert = normalizeFalcoEvent(event);
      expect([alert.namespace, alert.pod, alert.containerId, alert.image, alert.process.parent, alert.process.user, alert.process.cmdline, alert.file]).toEqual(
        keys.map(() => null),
      );
    }
  });

  it("gives host processes no container", () => {
    const event = terminalShell();
    Object.assign(fields(event), { "container.id": "host", "container.name": "host" });
    const alert = normalizeFalcoEvent(event);
    expect([alert.containerId, alert.container]).toEqual([null, null]);
  });

  it("takes MITRE ids from the rule's tags", () => {
    const event = terminalShell();
    event.tags = falcoRule("Detect release_agent File Container Escapes").tags;
    expect(normalizeFalcoEvent(event).mitre).toEqual({ techniques: ["T1611"], tactics: ["privilege-escalation"] });
  });
});

describe("masking", () => {
  it("masks secrets in the output, the command line and the raw payload, keeping the key names", () => {
    const secrets = ["hunter2", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2ln", "AKIAIOSFODNN7EXAMPLE"];
    const cmdline = `sh -c AWS_SECRET_ACCESS_KEY=${secrets[1]} AWS_ACCESS_KEY_ID=${secrets[3]} mysql --password ${secrets[0]} && curl -H 'Authorization: Bearer ${secrets[2]}' https://api`;
    const event = terminalShell();
    event.output = `${String(event.output).replace(/cmdline=.*? terminal=/, `cmdline=${cmdline} terminal=`)}`;
    Object.assign(fields(event), { "proc.cmdline": cmdline, "proc.env": `DB_PASSWORD=${secrets[0]}` });
    const alert = normalizeFalcoEvent(event);
    const stored = JSON.stringify(alert);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    for (const kept of ["AWS_SECRET_ACCESS_KEY=****", "--password ****", "Authorization: Bearer ****", "AKIA****"]) {
      expect(alert.process.cmdline).toContain(kept);
      expect(alert.output).toContain(kept);
    }
  });

  it("applies configured extra patterns too", () => {
    const event = terminalShell();
    fields(event)["proc.cmdline"] = "transfer --acct ACME-998877";
    const alert = normalizeFalcoEvent(event, { maskPatterns: compileMaskPatterns("ACME-\\d+") });
    expect(alert.process.cmdline).toBe("transfer --acct ****");
    expect(alert.rawJson).not.toContain("ACME-998877");
  });

  it("caps every string field at maxFieldLength", () => {
    const event = terminalShell();
    fields(event)["proc.cmdline"] = "x".repeat(500);
    const alert = normalizeFalcoEvent(event, { maxFieldLength: 100 });
    expect(alert.process.cmdline).toBe(`${"x".repeat(100)}…[truncated]`);
  });
});

describe("dedupe keys", () => {
  const key = (e: unknown) => normalizeFalcoEvent(e).dedupeKey;

  it("is the same for the same event twice, and for falcosidekick's per-receipt uuids", () => {
    const a = terminalShell();
    const b = terminalShell();
    a.uuid = "6c8b2f3e-0a4b-4e55-9a5e-0b1c2d3e4f50";
    b.uuid = "0d3f9d4a-7e21-4b0c-8d2f-4c5b6a7e8f90";
    expect(key(a)).toBe(key(terminalShell()));
    expect(key(a)).toBe(key(b));
  });

  it("changes with the time, the rule, the hostname, the output or the source", () => {
    const base = key(terminalShell());
    const later = terminalShell();
    fields(later)["evt.time"] = (BigInt(fields(later)["evt.time"] as number) + 1_000_000n).toString();
    const changes: ((e: TEvent) => void)[] = [
      (e) => Object.assign(e, { time: "2024-01-01T00:00:00.000000001Z", output_fields: { ...fields(e), "evt.time": null } }),
      (e) => Object.assign(e, { rule: "Run shell untrusted" }),
      (e) => Object.assign(e, { hostname: "another-node" }),
      (e) => Object.assign(e, { output: `${e.output} ` }),
      (e) => Object.assign(e, { source: "k8s_audit" }),
    ];
    const keys = changes.map((change) => {
      const event = terminalShell();
      change(event);
      return key(event);
    });
    expect(key(later)).not.toBe(base);
    for (const k of keys) expect(k).not.toBe(base);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("rejections name the field", () => {
  it.each(["rule", "output", "priority", "time"])("missing %s", (field) => {
    const event = terminalShell();
    delete event[field];
    const error = parseError(() => normalizeFalcoEvent(event));
    expect(error.field).toBe(field);
    expect(error.message).toContain("required");
  });

  it.each([
    ["not an object", () => 42, "event"],
    ["an array", () => [terminalShell()], "event"],
    ["rule as an array", () => ({ ...terminalShell(), rule: ["a"] }), "rule"],
    ["output as an object", () => ({ ...terminalShell(), output: { text: "x" } }), "output"],
    ["an unknown priority", () => ({ ...terminalShell(), priority: "Severe" }), "priority"],
    ["an unparseable time", () => ({ ...terminalShell(), time: "yesterday" }), "time"],
    ["a time on 31 February", () => ({ ...terminalShell(), time: "2024-02-31T00:00:00Z" }), "time"],
    ["output_fields as an array", () => ({ ...terminalShell(), output_fields: [] }), "output_fields"],
    ["tags as a string", () => ({ ...terminalShell(), tags: "container" }), "tags"],
    ["a namespace object", () => ({ ...terminalShell(), output_fields: { "k8s.ns.name": { a: 1 } } }), 'output_fields["k8s.ns.name"]'],
    ["a negative evt.time", () => ({ ...terminalShell(), output_fields: { "evt.time": -5 } }), 'output_fields["evt.time"]'],
    ["a port out of range", () => ({ ...terminalShell(), output_fields: { "fd.sport": 70000 } }), 'output_fields["fd.sport"]'],
  ])("%s", (_name, build, field) => {
    expect(parseError(() => normalizeFalcoEvent(build())).field).toBe(field);
  });
});

describe("network and files", () => {
  it("reads the peer from the fd.name tuple of Contact K8S API Server From Container", () => {
    const event = examples.find((e) => e.event.rule === "Contact K8S API Server From Container")!.event as TEvent;
    const [, peer] = String(fields(event)["fd.name"]).split("->");
    const alert = normalizeFalcoEvent(event);
    expect(alert.network).toEqual({ peerIp: peer.split(":")[0], peerPort: Number(peer.split(":")[1]), protocol: null });
    expect(alert.file).toBeNull();
  });

  it("prefers fd.rip/fd.rport and lower-cases fd.l4proto", () => {
    const event = terminalShell();
    Object.assign(fields(event), { "fd.name": "10.0.0.5:40000->169.254.169.254:80", "fd.rip": "169.254.169.254", "fd.rport": "80", "fd.l4proto": "TCP", "fd.type": "ipv4" });
    expect(normalizeFalcoEvent(event).network).toEqual({ peerIp: "169.254.169.254", peerPort: 80, protocol: "tcp" });
  });

  it("takes a file path and its access from the open flags", () => {
    const event = terminalShell();
    Object.assign(fields(event), { "fd.name": "/host/etc/cron.d/job", "evt.type": "openat", "evt.arg.flags": "O_WRONLY|O_CREAT|O_CLOEXEC" });
    const alert = normalizeFalcoEvent(event);
    expect([alert.file, alert.fileAccess, alert.operation, alert.network]).toEqual(["/host/etc/cron.d/job", "write", "openat", null]);
  });
});
