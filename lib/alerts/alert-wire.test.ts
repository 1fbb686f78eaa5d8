import { describe, expect, it } from "vitest";
import { PACKED_ALERT_LENGTH, packAlert, unpackAlert } from "./alert-wire";
import { normalizeFalcoEvent } from "./normalize-falco";
import { normalizeTetragonEvent } from "./normalize-tetragon";
import { falcoExamples, tetragonEvents } from "./test-fixtures";
import type { TNormalizedAlert } from "./types";

// Every field set, each to a value no other field has: a slot read from the wrong place shows.
const everyField: TNormalizedAlert = {
  source: "tetragon",
  eventType: "process_kprobe",
  activity: true,
  rule: "rule-1",
  severity: "critical",
  time: new Date(Date.UTC(2026, 11, 3, 10, 0, 0, 123)),
  timeNs: "1796292000123456789",
  tags: ["tag-1", "tag-2"],
  mitre: { techniques: ["T1611"], tactics: ["privilege-escalation"] },
  hostname: "host-1",
  namespace: "ns-1",
  pod: "pod-1",
  workload: { kind: "Deployment", name: "workload-1" },
  podLabels: { app: "label-1" },
  container: "container-1",
  containerId: "cid-1",
  image: "image-1",
  process: { name: "proc-1", cmdline: "cmd-1", parent: "parent-1", user: "user-1", pid: 4242, execId: "exec-1", parentExecId: "pexec-1" },
  auditUser: "audit-user-1",
  auditTarget: { verb: "get", resource: "secrets", subresource: "sub-1", namespace: "tns-1", name: "tname-1", responseCode: 200 },
  network: { peerIp: "10.0.0.1", peerPort: 443, protocol: "tcp" },
  file: "/file-1",
  fileAccess: "write",
  operation: "op-1",
  capabilities: ["CAP_SYS_ADMIN"],
  output: "output-1",
  rawJson: '{"raw":1}',
  dedupeKey: "key-1",
};

describe("alert wire format", () => {
  it("gives back every field of an alert after a structured clone, as the worker's postMessage does", () => {
    const alerts = [
      everyField,
      ...falcoExamples().map((e) => normalizeFalcoEvent(e.event)),
      ...tetragonEvents().flatMap((e) => {
        try {
          return [normalizeTetragonEvent(e.event)];
        } catch {
          return []; // fixtures that are not alerts (rejected by the normalizer, tested there)
        }
      }),
    ];
    expect(alerts.length).toBeGreaterThan(20);
    for (const alert of alerts) {
      const packed = packAlert(alert);
      expect(packed).toHaveLength(PACKED_ALERT_LENGTH);
      expect(unpackAlert(structuredClone(packed))).toStrictEqual(alert);
    }
  });

  it("packs values only: no property names cross the thread", () => {
    const packed = packAlert(everyField);
    expect(Array.isArray(packed)).toBe(true);
    // the same alert as an object costs more to clone than as its packed array
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(everyField).length);
  });
});
