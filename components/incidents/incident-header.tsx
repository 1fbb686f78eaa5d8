// The top of an incident: what fired, where, how bad (with the score's reasons), who has it.
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { dispositionText } from "./resolve-dialog";
import type { TIncidentDetail } from "@/lib/queries/incidents";
import { RelativeTime } from "../ui/relative-time";
import { ScoreBreakdown } from "./score-breakdown";
import { SeverityLabel } from "./severity-label";
import { StatusBadge } from "./status-badge";

function Meta({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${wide ? "lg:col-span-2" : ""}`}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

/** How the alerting pod, newer than the inventory, was matched to its workload. */
function ResolutionNote({ incident: i }: { incident: TIncidentDetail }) {
  const workload = `${i.workload.kind} ${i.workload.namespace ?? ""}/${i.workload.name}`;
  let text: string | null = null;
  if (i.resolvedBy === "controller_name" && i.resolution) {
    text = i.resolution.unseenReplicaSet
      ? `pod newer than the inventory: matched by its name to ${workload} (a rollout the inventory has not seen)`
      : `pod newer than the inventory: matched by ${i.resolution.kind} name ${i.resolution.name} to ${workload}`;
  } else if (i.resolvedBy === "labels" && i.resolution) {
    text = `pod newer than the inventory: its labels match the selector of ${i.resolution.kind} ${i.resolution.name} (${workload})`;
  } else if (i.resolvedBy === "manual") {
    text = `put on ${workload} by an analyst`;
  } else if (i.resolvedBy === "sensor") {
    text = `pod newer than the inventory: matched to ${workload} by the workload the sensor reported`;
  }
  return text ? (
    <span className="block text-xs text-muted" data-testid="incident-resolution">
      {text}
    </span>
  ) : null;
}

export function IncidentHeader({ incident, children }: { incident: TIncidentDetail; children?: React.ReactNode }) {
  const i = incident;
  return (
    <section aria-label="Incident summary" className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-4">
      <Link href="/incidents" className="inline-flex w-fit items-center gap-1 text-xs text-muted hover:text-fg">
        <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Incidents
      </Link>
      <div className="flex flex-wrap items-start gap-6">
        <div className="flex flex-col gap-1">
          <span className="text-[11px] font-medium uppercase tracking-wide text-muted">Score</span>
          <ScoreBreakdown score={i.score} scoreBreakdown={i.scoreBreakdown} reachable={i.reachable} size="lg" />
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <h1 className="break-words text-xl font-semibold" data-testid="incident-title">
            {i.title}
          </h1>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <SeverityLabel severity={i.severity} />
            <span data-testid="incident-status">
              <StatusBadge status={i.status} />
            </span>
            {i.mitreTactics.length ? <span className="text-xs text-muted">{i.mitreTactics.join(" · ")}</span> : null}
          </div>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 border-t border-border pt-3 md:grid-cols-4 lg:grid-cols-8">
        <Meta label="Assignee">
          <span data-testid="incident-assignee">{i.assignee?.name ?? <span className="text-muted">unassigned</span>}</span>
        </Meta>
        <Meta label="Team">{i.team ?? <span className="text-muted">unowned</span>}</Meta>
        <Meta label="Cluster / namespace">
          {i.cluster} / {i.namespace ?? "—"}
        </Meta>
        <Meta label="Workload" wide>
          {i.workloadId ? (
            <Link
              href={`/workloads/${encodeURIComponent(i.workloadId)}`}
              className="block truncate font-mono text-xs underline decoration-dotted underline-offset-2 hover:text-accent hover:decoration-solid"
              title={`${i.workload.id}: its blast radius now`}
              data-testid="incident-workload-link"
            >
              {i.workload.kind}/{i.workload.name}
            </Link>
          ) : (
            <span className="block truncate font-mono text-xs" title={i.workload.id}>
              {i.workload.kind}/{i.workload.name}
            </span>
          )}
          {i.notInInventory ? <span className="text-xs text-warn">not in the inventory: an unknown workload</span> : null}
          <ResolutionNote incident={i} />
        </Meta>
        <Meta label="Alerts">{i.alertCount}</Meta>
        <Meta label="First seen">
          <RelativeTime iso={i.firstSeen} />
        </Meta>
        <Meta label="Last seen">
          <RelativeTime iso={i.lastSeen} />
        </Meta>
      </dl>
      {i.disposition ? (
        <p className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm">
          <span className="font-medium" data-testid="incident-disposition">Closed as {dispositionText(i.disposition)}</span>
          {i.disposition.by ? (
            <span className="text-muted" title={i.disposition.by}>
              {" "}by {i.disposition.byName ?? i.disposition.by}
            </span>
          ) : null}{" "}
          — {i.disposition.reason}
        </p>
      ) : null}
      {children ? <div className="border-t border-border pt-3">{children}</div> : null}
    </section>
  );
}
