// A normalized alert as a database row: strings made storable (no NUL, no lone surrogates,
// which PostgreSQL text and jsonb refuse) so one odd event cannot fail a whole batch.
import type { TNormalizedAlert } from "../alerts/types";
import type { TAlertRow } from "../db/alerts";

export function storable(s: string): string;
export function storable(s: string | null): string | null;
export function storable(s: string | null): string | null {
  if (s === null) return null;
  // normalized alerts arrive clean: check before copying
  if (s.isWellFormed() && !s.includes("\u0000")) return s;
  return s.replaceAll("\u0000", "\uFFFD").toWellFormed();
}

export function toAlertRow(a: TNormalizedAlert, link: Pick<TAlertRow, "incidentId" | "workloadKey" | "evidence"> = {}): TAlertRow {
  return {
    time: a.time,
    timeNs: a.timeNs,
    source: a.source,
    eventType: storable(a.eventType),
    activity: a.activity,
    rule: storable(a.rule),
    severity: a.severity,
    tags: a.tags.map((t) => storable(t)),
    mitreTechniques: a.mitre.techniques,
    mitreTactics: a.mitre.tactics,
    hostname: storable(a.hostname),
    namespace: storable(a.namespace),
    pod: storable(a.pod),
    container: storable(a.container),
    containerId: storable(a.containerId),
    image: storable(a.image),
    procName: storable(a.process.name),
    procCmdline: storable(a.process.cmdline),
    procParent: storable(a.process.parent),
    procUser: storable(a.process.user),
    procPid: a.process.pid !== null && Number.isInteger(a.process.pid) && Math.abs(a.process.pid) < 2 ** 31 ? a.process.pid : null,
    execId: storable(a.process.execId),
    parentExecId: storable(a.process.parentExecId),
    auditUser: storable(a.auditUser),
    peerIp: storable(a.network?.peerIp ?? null),
    peerPort: a.network?.peerPort ?? null,
    protocol: storable(a.network?.protocol ?? null),
    file: storable(a.file),
    capabilities: a.capabilities.map((c) => storable(c)),
    output: storable(a.output),
    // written by boundRawPayload from cleaned strings and keys only
    raw: a.rawJson,
    dedupeKey: a.dedupeKey,
    incidentId: link.incidentId ?? null,
    workloadKey: link.workloadKey ?? null,
    evidence: link.evidence ?? "[]",
  };
}
