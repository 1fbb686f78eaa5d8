// The columns of each CSV export: the incident queue, ownership, response times and SLAs. Each
// takes what the JSON API presents, so the file says what the page shows.
import type { TJsonOf } from "../api/json-of";
import type { TResponseGroup } from "../db/response-metrics";
import type { presentIncidentItem } from "../incidents/present-incident";
import type { presentOwnershipRow } from "../ownership/present-ownership";
import { TEAM_SOURCE_LABELS } from "../ownership/present-ownership";
import { toCsv, type TCsvCell } from "./csv";

/** Rows an export holds at most (the queue and ownership lists are read up to this). */
export const EXPORT_MAX_ROWS = 10_000;

type TIncidentItem = ReturnType<typeof presentIncidentItem>;
const col = <T>(header: string, value: (r: T) => TCsvCell) => ({ header, value });

export function incidentsCsv(items: TIncidentItem[]): string {
  return toCsv<TIncidentItem>(
    [
      col("id", (i) => i.id),
      col("score", (i) => i.score),
      col("severity", (i) => i.severity),
      col("title", (i) => i.title),
      col("status", (i) => i.status),
      col("tier", (i) => i.tier),
      col("sla clock", (i) => i.sla?.clock),
      col("sla due", (i) => i.sla?.dueAt),
      col("sla state", (i) => i.sla?.state),
      col("cluster", (i) => i.cluster),
      col("namespace", (i) => i.namespace),
      col("workload kind", (i) => i.workload.kind),
      col("workload", (i) => i.workload.name),
      col("team", (i) => i.team),
      col("assignee", (i) => i.assignee?.name),
      col("alerts", (i) => i.alertCount),
      col("first seen", (i) => i.firstSeen),
      col("last seen", (i) => i.lastSeen),
      col("critical assets reachable", (i) => i.reachableCounts.critical),
      col("high assets reachable", (i) => i.reachableCounts.high),
      col("nearest asset", (i) => i.reachable[0]?.asset),
      col("mitre tactics", (i) => (i.mitreTactics ?? []).join(" ")),
    ],
    items,
  );
}

type TOwnershipItem = ReturnType<typeof presentOwnershipRow>;
export function ownershipCsv(items: TOwnershipItem[]): string {
  return toCsv<TOwnershipItem>(
    [
      col("cluster", (w) => w.cluster),
      col("namespace", (w) => w.namespace),
      col("kind", (w) => w.kind),
      col("name", (w) => w.name),
      col("team", (w) => w.team),
      col("decided by", (w) => TEAM_SOURCE_LABELS[w.source ?? "none"]),
      col("inventory team", (w) => w.inventoryTeam),
      col("blast radius", (w) => w.score),
      col("critical assets reachable", (w) => w.reachableCounts.critical ?? 0),
      col("high assets reachable", (w) => w.reachableCounts.high ?? 0),
      col("workload id", (w) => w.id),
    ],
    items,
  );
}

type TResponseLine = { group: string; week: string } & Pick<TJsonOf<TResponseGroup>, "count" | "mtta" | "mttc" | "mttr"> & { open?: number; falsePositives?: number };
export function responseCsv(groups: TResponseGroup[]): string {
  const lines: TResponseLine[] = groups.flatMap((g) => [{ ...g, week: "all" }, ...g.weeks.map((w) => ({ ...w, group: g.group }))]);
  const figure = (name: "mtta" | "mttc" | "mttr") => [
    col(`${name} median (min)`, (l: TResponseLine) => l[name].median),
    col(`${name} p90 (min)`, (l: TResponseLine) => l[name].p90),
    col(`${name} n`, (l: TResponseLine) => l[name].n),
  ];
  return toCsv<TResponseLine>(
    [col("group", (l) => l.group), col("week", (l) => l.week), col("incidents", (l) => l.count), col("open", (l) => l.open), col("false positives", (l) => l.falsePositives), ...figure("mtta"), ...figure("mttc"), ...figure("mttr")],
    lines,
  );
}

export interface TSlaLine {
  state: "breached" | "at risk";
  id: string;
  title: string;
  tier: string;
  cluster: string;
  namespace: string | null;
  workload: string;
  team: string | null;
  assignee: string | null;
  clock: string;
  dueAt: string;
  targetMinutes: number;
  minutesLeft: number;
}
export function slaCsv(lines: TSlaLine[]): string {
  return toCsv<TSlaLine>(
    (["state", "id", "title", "tier", "cluster", "namespace", "workload", "team", "assignee", "clock", "dueAt", "targetMinutes", "minutesLeft"] as const).map((k) =>
      col(k === "dueAt" ? "due" : k === "targetMinutes" ? "target (min)" : k === "minutesLeft" ? "minutes left" : k, (l: TSlaLine) => l[k]),
    ),
    lines,
  );
}

type TAcceptedRiskItem = import("../ownership/accepted-risks").TAcceptedRisk;
export function acceptedRisksCsv(items: TAcceptedRiskItem[]): string {
  return toCsv<TAcceptedRiskItem>(
    [
      col("id", (r) => r.id),
      col("state", (r) => r.state),
      col("cluster", (r) => r.cluster),
      col("workload", (r) => r.workload),
      col("team", (r) => r.team),
      col("edge", (r) => (r.edge ? `${r.edge.from} ${r.edge.edge} ${r.edge.to}` : "whole workload")),
      col("owner", (r) => r.owner.name),
      col("reason", (r) => r.reason),
      col("expires at", (r) => r.expiresAt),
      col("accepted by", (r) => r.createdBy),
      col("accepted at", (r) => r.createdAt),
      col("revoked at", (r) => r.revokedAt),
      col("revoked by", (r) => r.revokedBy),
    ],
    items,
  );
}
