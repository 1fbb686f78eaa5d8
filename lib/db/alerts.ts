// Bulk writes of alerts: one INSERT … SELECT unnest(…) per batch, deduplicated by the unique
// (dedupeKey, time) key, inside the caller's transaction (DESIGN.md "Performance facts").
import type pg from "pg";
import { pgTextArray } from "./pg-arrays";

export interface TAlertRow {
  time: Date;
  timeNs: string;
  source: string;
  eventType: string;
  activity: boolean;
  rule: string;
  severity: string;
  tags: string[];
  mitreTechniques: string[];
  mitreTactics: string[];
  hostname: string | null;
  namespace: string | null;
  pod: string | null;
  container: string | null;
  containerId: string | null;
  image: string | null;
  procName: string | null;
  procCmdline: string | null;
  procParent: string | null;
  procUser: string | null;
  procPid: number | null;
  execId: string | null;
  parentExecId: string | null;
  auditUser: string | null;
  peerIp: string | null;
  peerPort: number | null;
  protocol: string | null;
  file: string | null;
  capabilities: string[];
  output: string;
  raw: string;
  dedupeKey: string;
  /** set when the alert joins an incident as it is stored */
  incidentId?: string | null;
  workloadKey?: string | null;
  evidence?: string;
}

const TEXT_COLUMNS = [
  "timeNs",
  "source",
  "eventType",
  "rule",
  "severity",
  "hostname",
  "namespace",
  "pod",
  "container",
  "containerId",
  "image",
  "procName",
  "procCmdline",
  "procParent",
  "procUser",
  "execId",
  "parentExecId",
  "auditUser",
  "peerIp",
  "protocol",
  "file",
  "output",
  "dedupeKey",
  "incidentId",
  "workloadKey",
] as const satisfies readonly (keyof TAlertRow)[];


export interface TInsertedAlert {
  id: string;
  time: Date;
  dedupeKey: string;
}

/** Inserts the rows that are new; returns them (duplicates are skipped by the unique key). */
export async function insertAlerts(client: pg.PoolClient, clusterId: string, rows: TAlertRow[]): Promise<TInsertedAlert[]> {
  if (rows.length === 0) return [];
  const args: unknown[] = [clusterId, rows.map((r) => r.time.toISOString())];
  const selects: string[] = ["$1", `u."c_time"::timestamptz`];
  const unnests: string[] = ["$2::text[]"];
  const names: string[] = ["c_time"];
  const push = (name: string, values: unknown[], type: string, expr?: string) => {
    args.push(values);
    unnests.push(`$${args.length}::${type}[]`);
    names.push(`c_${name}`);
    selects.push(expr ?? `u."c_${name}"`);
  };
  for (const col of TEXT_COLUMNS) push(col, rows.map((r) => r[col] ?? null), "text");
  push("evidence", rows.map((r) => r.evidence ?? "[]"), "text", `u."c_evidence"::jsonb`);
  push("activity", rows.map((r) => r.activity), "bool");
  push("procPid", rows.map((r) => r.procPid), "int4");
  push("peerPort", rows.map((r) => r.peerPort), "int4");
  push("tags", rows.map((r) => pgTextArray(r.tags)), "text", `u."c_tags"::text[]`);
  push("mitreTechniques", rows.map((r) => pgTextArray(r.mitreTechniques)), "text", `u."c_mitreTechniques"::text[]`);
  push("mitreTactics", rows.map((r) => pgTextArray(r.mitreTactics)), "text", `u."c_mitreTactics"::text[]`);
  push("capabilities", rows.map((r) => pgTextArray(r.capabilities)), "text", `u."c_capabilities"::text[]`);
  push("raw", rows.map((r) => r.raw), "text", `u."c_raw"::json`);
  const columns = ["clusterId", "time", ...names.slice(1).map((n) => n.slice(2))].map((c) => `"${c}"`).join(", ");
  const sql = `INSERT INTO alerts (${columns})
    SELECT ${selects.join(", ")} FROM unnest(${unnests.join(", ")}) AS u(${names.map((n) => `"${n}"`).join(", ")})
    ON CONFLICT ("dedupeKey", "time") DO NOTHING
    RETURNING id::text, "time", "dedupeKey"`;
  const res = await client.query(sql, args);
  return res.rows;
}

/** The dedupe keys of these events that are already stored. */
export async function storedDedupeKeys(client: pg.PoolClient, rows: { dedupeKey: string; time: Date }[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const res = await client.query(
    `SELECT a."dedupeKey" FROM alerts a JOIN unnest($1::text[], $2::timestamptz[]) AS u(k, t) ON a."dedupeKey" = u.k AND a."time" = u.t`,
    [rows.map((r) => r.dedupeKey), rows.map((r) => r.time.toISOString())],
  );
  return new Set(res.rows.map((r: { dedupeKey: string }) => r.dedupeKey));
}
