// Bulk writes of alerts: one INSERT … SELECT unnest(…) per batch, deduplicated by the unique
// (dedupeKey, time) key, inside the caller's transaction (DESIGN.md "Performance facts").
import type pg from "pg";

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
] as const satisfies readonly (keyof TAlertRow)[];

/** Postgres array literal for a text[] column inside a text[] of rows (unnest cannot take 2-D ragged arrays). */
function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

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
  for (const col of TEXT_COLUMNS) push(col, rows.map((r) => r[col]), "text");
  push("activity", rows.map((r) => r.activity), "bool");
  push("procPid", rows.map((r) => r.procPid), "int4");
  push("peerPort", rows.map((r) => r.peerPort), "int4");
  push("tags", rows.map((r) => pgTextArray(r.tags)), "text", `u."c_tags"::text[]`);
  push("mitreTechniques", rows.map((r) => pgTextArray(r.mitreTechniques)), "text", `u."c_mitreTechniques"::text[]`);
  push("mitreTactics", rows.map((r) => pgTextArray(r.mitreTactics)), "text", `u."c_mitreTactics"::text[]`);
  push("capabilities", rows.map((r) => pgTextArray(r.capabilities)), "text", `u."c_capabilities"::text[]`);
  push("raw", rows.map((r) => r.raw), "text", `u."c_raw"::jsonb`);
  const columns = ["clusterId", "time", ...names.slice(1).map((n) => n.slice(2))].map((c) => `"${c}"`).join(", ");
  const sql = `INSERT INTO alerts (${columns})
    SELECT ${selects.join(", ")} FROM unnest(${unnests.join(", ")}) AS u(${names.map((n) => `"${n}"`).join(", ")})
    ON CONFLICT ("dedupeKey", "time") DO NOTHING
    RETURNING id::text, "time", "dedupeKey"`;
  const res = await client.query(sql, args);
  return res.rows;
}

export interface TAlertAssignment {
  id: string;
  time: Date;
  incidentId: string;
  workloadKey: string;
  evidence: unknown[];
}

export async function assignAlerts(client: pg.PoolClient, rows: TAlertAssignment[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `UPDATE alerts a SET "incidentId" = u.inc, "workloadKey" = u.wk, evidence = u.ev::jsonb
     FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[]) AS u(id, t, inc, wk, ev)
     WHERE a.id = u.id AND a."time" = u.t`,
    [rows.map((r) => r.id), rows.map((r) => r.time.toISOString()), rows.map((r) => r.incidentId), rows.map((r) => r.workloadKey), rows.map((r) => JSON.stringify(r.evidence))],
  );
}
