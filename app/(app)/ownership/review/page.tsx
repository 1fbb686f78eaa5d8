// The weekly review a security lead prints: critical-tier incidents opened, SLA breaches that fell
// due, response times by tier, each cluster's posture change over the week, and the accepted risks
// that expired in it or expire in the two weeks after.
import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current-user";
import { ALL_TEAMS } from "@/lib/auth/scope";
import { breachesDue, criticalIncidentsOpened, postureChanges } from "@/lib/db/review";
import { listAcceptedRisks } from "@/lib/db/accepted-risks";
import { cachedResponseMetrics } from "@/lib/db/response-metrics";
import { formatMinutes } from "@/lib/ownership/format-minutes";
import { reviewWeek } from "@/lib/ownership/review-week";
import { PageHeader } from "@/components/layout/page-header";
import { PrintButton } from "@/components/ownership/print-button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

export const metadata: Metadata = { title: "Weekly review" };

const POSTURE = [
  ["privilegedContainers", "Privileged containers"],
  ["escapeContainers", "Containers that can escape"],
  ["controlPlaneWorkloads", "Workloads reaching the control plane"],
  ["criticalReachWorkloads", "Workloads reaching a critical asset"],
  ["unownedWorkloads", "Unowned workloads"],
  ["acceptedRisks", "Accepted risks"],
] as const;

/** How far past the week the review looks for accepted risks about to expire. */
const EXPIRING_AHEAD_DAYS = 14;

const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
const within = (from: Date, at: Date | null) => (at ? formatMinutes((at.getTime() - from.getTime()) / 60_000) : "not yet");

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("ownership.manage");
  const p = await searchParams;
  const w = reviewWeek(typeof p.week === "string" ? p.week : undefined);
  const expiringTo = new Date(w.to.getTime() + EXPIRING_AHEAD_DAYS * 86_400_000);
  const [opened, breaches, response, posture, risks] = await Promise.all([
    criticalIncidentsOpened(w.from, w.to),
    breachesDue(w.from, w.to),
    cachedResponseMetrics("tier", w.from, w.to, ALL_TEAMS),
    postureChanges(w.from, w.to),
    listAcceptedRisks({ expiringFrom: w.from, expiringTo, limit: 200 }, ALL_TEAMS),
  ]);
  const expiring = risks.filter((r) => r.state !== "revoked");
  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={`Weekly review: week of ${w.week}`}
        description="Monday to Monday, UTC. Critical-tier incidents opened, SLA breaches that fell due, response times by tier, posture change, and accepted risks expiring."
        actions={
          <span className="flex items-center gap-2 print:hidden">
            <Link className="text-sm text-accent underline" href={`/ownership/review?week=${w.previous}`}>
              ← {w.previous}
            </Link>
            <Link className="text-sm text-accent underline" href={`/ownership/review?week=${w.next}`}>
              {w.next} →
            </Link>
            <PrintButton />
          </span>
        }
      />
      <Card title={`Critical-tier incidents opened (${opened.length})`}>
        {opened.length === 0 ? (
          <p className="text-sm text-muted">None this week.</p>
        ) : (
          <Table label="Critical-tier incidents opened" dense>
            <thead>
              <tr>
                <Th>First alert</Th>
                <Th>Incident</Th>
                <Th>Team</Th>
                <Th>Status</Th>
                <Th>Acknowledged after</Th>
                <Th>Contained after</Th>
              </tr>
            </thead>
            <tbody>
              {opened.map((i) => (
                <tr key={i.id} data-testid="review-incident">
                  <Td className="whitespace-nowrap tabular-nums">{day(i.firstSeen)}</Td>
                  <Td>
                    <Link className="text-accent hover:underline" href={`/incidents/${encodeURIComponent(i.id)}`}>
                      {i.title}
                    </Link>
                    <span className="block text-xs text-muted">
                      {i.workloadName} · {i.namespace ?? "cluster-wide"} · {i.cluster}
                    </span>
                  </Td>
                  <Td>{i.team ?? <span className="text-muted">unowned</span>}</Td>
                  <Td>{i.status.replace("_", " ")}</Td>
                  <Td>{within(i.firstSeen, i.acknowledgedAt)}</Td>
                  <Td>{i.containedAt || !["resolved", "false_positive"].includes(i.status) ? within(i.firstSeen, i.containedAt) : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title={`SLA breaches that fell due (${breaches.length})`}>
        {breaches.length === 0 ? (
          <p className="text-sm text-muted">None this week.</p>
        ) : (
          <Table label="SLA breaches" dense>
            <thead>
              <tr>
                <Th>Due</Th>
                <Th>Incident</Th>
                <Th>Tier</Th>
                <Th>Missed</Th>
                <Th>Team</Th>
              </tr>
            </thead>
            <tbody>
              {breaches.map((b) => (
                <tr key={`${b.incidentId}-${b.kind}`} data-testid="review-breach">
                  <Td className="whitespace-nowrap tabular-nums">{day(b.dueAt)}</Td>
                  <Td>
                    <Link className="text-accent hover:underline" href={`/incidents/${encodeURIComponent(b.incidentId)}`}>
                      {b.title}
                    </Link>
                  </Td>
                  <Td>{b.tier}</Td>
                  <Td>
                    {b.kind} within {formatMinutes(b.targetMinutes)}
                  </Td>
                  <Td>{b.team ?? <span className="text-muted">unowned</span>}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title="Response times by tier">
        {response.length === 0 ? (
          <p className="text-sm text-muted">No incident opened this week.</p>
        ) : (
          <Table label="Response times by tier" dense>
            <thead>
              <tr>
                <Th>Tier</Th>
                <Th className="text-right">Incidents</Th>
                <Th className="text-right">Still open</Th>
                <Th>MTTA median / p90 (n)</Th>
                <Th>MTTC median / p90 (n)</Th>
                <Th className="text-right">False positives</Th>
              </tr>
            </thead>
            <tbody>
              {response.map((g) => (
                <tr key={g.group}>
                  <Td className="font-medium">{g.group}</Td>
                  <Td className="text-right tabular-nums">{g.count}</Td>
                  <Td className="text-right tabular-nums">{g.open}</Td>
                  <Td>{g.mtta.n ? `${formatMinutes(g.mtta.median)} / ${formatMinutes(g.mtta.p90)} (${g.mtta.n})` : "—"}</Td>
                  <Td>{g.mttc.n ? `${formatMinutes(g.mttc.median)} / ${formatMinutes(g.mttc.p90)} (${g.mttc.n})` : "—"}</Td>
                  <Td className="text-right tabular-nums">{g.falsePositives}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title="Posture change">
        {posture.length === 0 ? (
          <p className="text-sm text-muted">No posture recorded by the end of this week.</p>
        ) : (
          <Table label="Posture change" dense>
            <thead>
              <tr>
                <Th>Cluster</Th>
                {POSTURE.map(([, label]) => (
                  <Th key={label} className="text-right">
                    {label}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {posture.map((c) => (
                <tr key={c.cluster}>
                  <Td className="font-medium">{c.cluster}</Td>
                  {POSTURE.map(([key]) => {
                    const end = c.end[key] ?? 0;
                    const delta = c.start ? end - (c.start[key] ?? 0) : null;
                    return (
                      <Td key={key} className="text-right tabular-nums">
                        {end}{" "}
                        <span className={delta ? (delta > 0 ? "text-critical" : "text-ok") : "text-muted"}>
                          {delta === null ? "(new)" : delta === 0 ? "(=)" : `(${delta > 0 ? "+" : ""}${delta})`}
                        </span>
                      </Td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title={`Accepted risks expiring (${expiring.length})`}>
        {expiring.length === 0 ? (
          <p className="text-sm text-muted">None expired this week or expires in the {EXPIRING_AHEAD_DAYS} days after it.</p>
        ) : (
          <Table label="Accepted risks expiring" dense>
            <thead>
              <tr>
                <Th>Expires</Th>
                <Th>Workload</Th>
                <Th>Accepted</Th>
                <Th>Owner</Th>
                <Th>State</Th>
              </tr>
            </thead>
            <tbody>
              {expiring.map((r) => (
                <tr key={r.id} data-testid="review-expiring">
                  <Td className="whitespace-nowrap tabular-nums">{day(new Date(r.expiresAt))}</Td>
                  <Td>
                    <Link className="text-accent hover:underline" href={`/workloads/${encodeURIComponent(r.workloadId)}`}>
                      {r.workloadKey}
                    </Link>
                    <span className="block text-xs text-muted">
                      {r.cluster} · {r.team ?? "unowned"}
                    </span>
                  </Td>
                  <Td className="font-mono text-xs">{r.edgeKind ? `${r.edgeKind} → ${r.edgeTo}` : "whole workload"}</Td>
                  <Td>{r.ownerLabel}</Td>
                  <Td>{r.state === "expired" ? <span className="text-warn">expired</span> : "active"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
