"use client";
// One asset or identity, asked backwards: every workload that can reach it, cheapest path first,
// with the path and the workload's open incidents.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { assetQueries, type TReacherItem } from "@/lib/queries/assets";
import { EmptyState, ErrorNote } from "../ui/card";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { Table, Td, Th } from "../ui/table";
import { SeverityLabel } from "../incidents/severity-label";
import { StatusBadge } from "../incidents/status-badge";

const short = (id: string) => id.slice(id.indexOf("/") + 1);

function PathSteps({ path }: { path: TReacherItem["path"] }) {
  return (
    <ol className="flex flex-wrap items-center gap-x-1 gap-y-0.5 font-mono text-[11px]" aria-label="Cheapest path">
      {path.map((s, i) => (
        <li key={i} className="flex items-center gap-1">
          {i === 0 ? <span className="break-all" title={s.from}>{short(s.from)}</span> : null}
          <span className="rounded border border-border px-1 text-muted">{s.edge}</span>
          <span className="break-all" title={s.to}>
            {short(s.to)}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function ReachersView({ id, cluster }: { id: string; cluster: string | null }) {
  const query = useQuery(assetQueries.reachers(id, cluster));
  const d = query.data;
  const incidents = d ? d.items.reduce((n, r) => n + r.openIncidents.length, 0) : 0;
  return (
    <div className="flex flex-col gap-4">
      <Link href="/assets" className="inline-flex w-fit items-center gap-1 text-xs text-muted hover:text-fg">
        <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Assets
      </Link>
      <header className="flex flex-col gap-1 rounded-lg border border-border bg-surface p-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="break-all font-mono text-lg font-semibold" data-testid="vertex-id">
            {id}
          </h1>
          {d?.vertex.asset ? <SensitivityBadge sensitivity={d.vertex.asset.sensitivity} /> : null}
        </div>
        {d ? (
          <p className="text-sm text-muted" data-testid="reachers-summary">
            {d.vertex.asset ? `${d.vertex.asset.type} asset` : d.vertex.kind} in {d.vertex.cluster} ·{" "}
            <span className="font-medium text-fg">
              {d.items.length} workload{d.items.length === 1 ? "" : "s"} can reach {d.vertex.asset ? "it" : "this identity"}
            </span>
            {incidents ? (
              <>
                {" "}· <span className="font-medium text-danger">{incidents} open incident{incidents === 1 ? "" : "s"}</span> on them
              </>
            ) : null}
            {" "}· in the current inventory
          </p>
        ) : null}
      </header>
      <ErrorNote error={query.error} />
      {query.isPending ? <p className="text-sm text-muted">Searching the graph backwards…</p> : null}
      {d && d.items.length === 0 ? <EmptyState title="No workload can reach it">{d.vertex.asset ? "Nothing in this inventory has a path to this asset." : "No workload can become this identity."}</EmptyState> : null}
      {d && d.items.length ? (
        <Table label={`Workloads that can reach ${id}, cheapest first`}>
          <thead>
            <tr>
              <Th className="text-right">Cost</Th>
              <Th>Workload</Th>
              <Th>Team</Th>
              <Th>Cheapest path</Th>
              <Th>Open incidents</Th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((r) => (
              <tr key={r.workload.key} data-testid="reacher-row">
                <Td className="text-right align-top tabular-nums font-semibold">{r.cost}</Td>
                <Td className="align-top">
                  <Link href={`/workloads/${encodeURIComponent(r.workload.id)}`} className="font-medium hover:text-accent hover:underline">
                    {r.workload.name}
                  </Link>
                  <div className="text-xs text-muted">
                    {r.workload.kind} · {r.workload.namespace}
                  </div>
                </Td>
                <Td className="align-top text-xs">{r.team ?? <span className="text-muted">unowned</span>}</Td>
                <Td className="max-w-xl align-top">
                  <PathSteps path={r.path} />
                </Td>
                <Td className="align-top">
                  {r.openIncidents.length ? (
                    <ul className="flex flex-col gap-1">
                      {r.openIncidents.slice(0, 3).map((i) => (
                        <li key={i.id} className="flex flex-wrap items-center gap-2 text-xs">
                          <Link href={`/incidents/${i.id}`} className="font-medium text-accent hover:underline" data-testid="reacher-incident">
                            {i.title}
                          </Link>
                          <SeverityLabel severity={i.severity} />
                          <StatusBadge status={i.status} />
                        </li>
                      ))}
                      {r.openIncidents.length > 3 ? <li className="text-xs text-muted">and {r.openIncidents.length - 3} more</li> : null}
                    </ul>
                  ) : (
                    <span className="text-xs text-muted">none</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </div>
  );
}
