// The searchable values of an alert: the fields an analyst types into the queue's search (a
// rule, the workload, a command line, a file, a process, an image, a container id, a user...).
// Each incident keeps the distinct values of its alerts (lib/db/incident-terms.ts), so a search is
// one trigram-indexed lookup, not a scan of every alert row. The migration
// 20261203010000_incident_terms fills them with the same list.
import type { TAlertRow } from "../db/alerts";

export const TERM_FIELDS = ["rule", "workload", "cmdline", "file", "process", "parent", "image", "containerId", "user", "pod", "container", "peer", "host"] as const;
export type TTermField = (typeof TERM_FIELDS)[number];

/** values are cut to this many characters (a btree key must stay small; a search string is shorter) */
export const TERM_MAX = 300;

export const TERM_LABEL: Record<TTermField, string> = {
  rule: "rule",
  workload: "workload",
  cmdline: "command line",
  file: "file",
  process: "process",
  parent: "parent process",
  image: "image",
  containerId: "container id",
  user: "user",
  pod: "pod",
  container: "container",
  peer: "network peer",
  host: "host",
};

/** fields the queue row shows anyway (title, workload): a match there needs no "matched in" line */
export const SHOWN_FIELDS: readonly TTermField[] = ["rule", "workload"];

type TTermSource = Pick<TAlertRow, "rule" | "procCmdline" | "file" | "procName" | "procParent" | "image" | "containerId" | "procUser" | "auditUser" | "pod" | "container" | "peerIp" | "hostname">;

/** Visits each searchable value of an alert with its field, cut to TERM_MAX (no list is built: ingest visits every alert). */
export function forEachAlertTerm(a: TTermSource, visit: (field: TTermField, value: string) => void): void {
  // the workload key comes from the incident itself (a trigger, migration 20261203010000)
  term(visit, "rule", a.rule);
  term(visit, "cmdline", a.procCmdline);
  term(visit, "file", a.file);
  term(visit, "process", a.procName);
  term(visit, "parent", a.procParent);
  term(visit, "image", a.image);
  term(visit, "containerId", a.containerId);
  term(visit, "user", a.procUser);
  term(visit, "user", a.auditUser);
  term(visit, "pod", a.pod);
  term(visit, "container", a.container);
  term(visit, "peer", a.peerIp);
  term(visit, "host", a.hostname);
}

function term(visit: (field: TTermField, value: string) => void, field: TTermField, value: string | null | undefined): void {
  if (value) visit(field, value.length > TERM_MAX ? value.slice(0, TERM_MAX) : value);
}
