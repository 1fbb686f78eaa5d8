"use client";
// One incident in the queue: why it ranks where it does, what it is, where, and who has it.
import Link from "next/link";
import type { TIncidentItem } from "@/lib/queries/incidents";
import { formatMinutes } from "@/lib/ownership/format-minutes";
import { TERM_LABEL } from "@/lib/domain/alert-terms";
import { RelativeTime } from "../ui/relative-time";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { Td } from "../ui/table";
import { ScoreBreakdown } from "./score-breakdown";
import { SeverityLabel } from "./severity-label";
import { StatusBadge } from "./status-badge";
import { dispositionText } from "./resolve-dialog";

const assetName = (id: string) => id.slice(id.lastIndexOf("/") + 1);

export function QueueRow({ item, q, isCursor, selected, selectable, onToggle, onPick }: {
  item: TIncidentItem;
  /** the search, to show where an alert value matched it */
  q?: string;
  isCursor: boolean;
  selected: boolean;
  selectable: boolean;
  onToggle: () => void;
  /** clicking the row (not a control in it) puts the keyboard cursor there */
  onPick: () => void;
}) {
  const top = item.reachable[0];
  return (
    <tr
      id={`incident-row-${item.id}`}
      data-testid="incident-row"
      aria-current={isCursor ? "true" : undefined}
      onClick={onPick}
      className={`${isCursor ? "bg-accent/10 shadow-[inset_3px_0_0_var(--accent)]" : "hover:bg-surface-2/60"} ${selected ? "bg-accent/5" : ""}`}
    >
      {selectable ? (
        <Td className="w-8 pr-0">
          <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${item.title} on ${item.workload.name}`} />
        </Td>
      ) : null}
      <Td>
        <ScoreBreakdown score={item.score} scoreBreakdown={item.scoreBreakdown} reachable={item.reachable} />
      </Td>
      <Td className="whitespace-nowrap">
        <SeverityLabel severity={item.severity} />
      </Td>
      <Td className="min-w-48 max-w-64">
        <Link href={`/incidents/${item.id}`} className="font-medium hover:text-accent hover:underline" data-testid="incident-link">
          {item.title}
        </Link>
        {item.escalation ? (
          <div className="mt-0.5 flex min-w-0 items-center gap-1 text-xs" data-testid="incident-escalated" title={`Escalated by ${item.escalation.by}: ${item.escalation.note}`}>
            <span className="shrink-0 rounded border border-danger/60 px-1 font-semibold uppercase tracking-wide text-danger">Escalated</span>
            <span className="truncate text-muted">{item.escalation.by}: {item.escalation.note}</span>
          </div>
        ) : null}
        {item.mitreTactics.length ? <div className="mt-0.5 truncate text-xs text-muted">{item.mitreTactics.join(" · ")}</div> : null}
        {item.matchedTerm ? (
          <div className="mt-0.5 flex min-w-0 items-start gap-1 text-xs" data-testid="incident-matched" title={`An alert's ${TERM_LABEL[item.matchedTerm.field]}: ${item.matchedTerm.value}`}>
            <span className="shrink-0 text-muted">{TERM_LABEL[item.matchedTerm.field]}:</span>
            <code className="line-clamp-2 break-all font-mono">
              <MatchSnippet value={item.matchedTerm.value} q={q} />
            </code>
          </div>
        ) : null}
      </Td>
      <Td className="max-w-44">
        <div className="truncate font-mono text-xs" title={item.workload.id}>
          {item.workload.name}
        </div>
        <div className="truncate text-xs text-muted">
          {item.workload.kind} · {item.namespace ?? "cluster-wide"}
          {item.notInInventory ? " · not in inventory" : ""}
        </div>
        {item.acceptedRisk ? (
          <div className="mt-0.5 truncate text-xs text-accent" data-testid="incident-accepted" title={acceptedRiskTitle(item.acceptedRisk)}>
            {item.acceptedRisk.wholeWorkload ? "risk accepted" : `${item.acceptedRisk.count} edge${item.acceptedRisk.count === 1 ? "" : "s"} accepted`} to{" "}
            {shortDate(item.acceptedRisk.until)}
          </div>
        ) : null}
      </Td>
      <Td className="max-w-32 text-xs">
        <div className="truncate" data-testid="incident-team">
          {item.team ?? <span className="text-muted">unowned</span>}
        </div>
        <div className="truncate text-muted" data-testid="incident-cluster" title={`cluster ${item.cluster}`}>
          {item.cluster}
        </div>
      </Td>
      <Td className="max-w-40">
        {top ? (
          <div className="flex flex-col items-start gap-0.5">
            <SensitivityBadge sensitivity={top.sensitivity} />
            <span className="max-w-full truncate text-xs" title={`${top.asset} (cost ${top.cost})`}>
              <span className="text-muted">{top.type}</span> <span className="font-mono">{assetName(top.asset)}</span>
            </span>
          </div>
        ) : (
          <span className="text-xs text-muted">nothing sensitive</span>
        )}
      </Td>
      <Td className="text-right tabular-nums">{item.alertCount}</Td>
      <Td className="whitespace-nowrap text-xs">
        <div>
          last <RelativeTime iso={item.lastSeen} compact />
        </div>
        <div className="text-muted">
          first <RelativeTime iso={item.firstSeen} compact />
        </div>
      </Td>
      <Td className="whitespace-nowrap">
        <StatusBadge status={item.status} />
        {item.closedAs ? (
          <div className="mt-0.5 text-xs text-muted" data-testid="incident-closed-as">
            {dispositionText(item.closedAs)}
          </div>
        ) : null}
        <SlaClock sla={item.sla} />
      </Td>
      <Td className="max-w-28 truncate text-xs" data-testid="assignee">
        {item.assignee ? item.assignee.name : <span className="text-muted">unassigned</span>}
      </Td>
    </tr>
  );
}

/** The part of a long value around the search's match, the match marked: "…unix:///var/run/docker.sock ps". */
function MatchSnippet({ value, q }: { value: string; q: string | undefined }) {
  const at = q ? value.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (!q || at < 0) return <>{value}</>;
  const start = Math.max(0, at - 8);
  return (
    <>
      {start > 0 ? "…" : ""}
      {value.slice(start, at)}
      <mark className="rounded-sm bg-accent/25 px-0.5 text-fg">{value.slice(at, at + q.length)}</mark>
      {value.slice(at + q.length)}
    </>
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "Dec 8", or "Mar 1 2027" outside the current year (UTC). */
export function shortDate(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const md = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return d.getUTCFullYear() === now.getUTCFullYear() ? md : `${md} ${d.getUTCFullYear()}`;
}

function acceptedRiskTitle(a: NonNullable<TIncidentItem["acceptedRisk"]>): string {
  const what = a.wholeWorkload ? "The workload's risk is accepted" : `${a.count} edge${a.count === 1 ? " of its graph is" : "s of its graph are"} accepted`;
  return `${what} until ${a.until.slice(0, 10)} by ${a.owner}`;
}

/** "acknowledge in 4 min", "contain overdue 2 h": the running SLA clock as of `now`. */
export function slaText(sla: NonNullable<TIncidentItem["sla"]>, now = Date.now()): { text: string; overdue: boolean } {
  const minutes = (new Date(sla.dueAt).getTime() - now) / 60_000;
  return minutes < 0 ? { text: `${sla.clock} overdue ${formatMinutes(-minutes)}`, overdue: true } : { text: `${sla.clock} in ${formatMinutes(minutes)}`, overdue: false };
}

/** The running SLA clock under the status: time left to acknowledge or contain, or how long overdue. */
export function SlaClock({ sla }: { sla: TIncidentItem["sla"] }) {
  if (!sla) return null;
  const { text, overdue } = slaText(sla);
  const tone = sla.state === "breached" || overdue ? "text-critical font-medium" : sla.state === "at_risk" ? "text-warn" : "text-muted";
  return (
    <div className={`mt-0.5 text-xs ${tone}`} data-testid="incident-sla" title={`SLA: ${sla.clock} within ${formatMinutes(sla.targetMinutes)} of the first alert`} suppressHydrationWarning>
      {text}
    </div>
  );
}
