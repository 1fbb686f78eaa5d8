"use client";
// Workloads in blast-radius order: what each one's identity can reach right now.
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { workloadQueries, type TWorkloadFilters } from "@/lib/queries/workloads";
import { Button } from "../ui/button";
import { EmptyState, ErrorNote } from "../ui/card";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { Table, Td, Th } from "../ui/table";
import { ScoreCell } from "./score-cell";

const TIERS = ["critical", "high", "medium", "low"] as const;

export function WorkloadTable({ filters }: { filters: TWorkloadFilters }) {
  const query = useInfiniteQuery(workloadQueries.list(filters));
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (query.isPending) return <p className="text-sm text-muted">Loading workloads…</p>;
  if (query.error) return <ErrorNote error={query.error} />;
  if (rows.length === 0 && Object.values(filters).some(Boolean)) {
    return <EmptyState title="No workload matches these filters">Clear the search or a filter to see more.</EmptyState>;
  }
  if (rows.length === 0) {
    return (
      <EmptyState title="No workloads yet">
        Upload a cluster inventory to <code>POST /api/v1/inventory?cluster=NAME</code> (<code>npm run collect</code> reads a live
        cluster) to see what each workload can reach.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <Table label="Workloads by blast radius">
        <thead>
          <tr>
            <Th>Score</Th>
            <Th>Workload</Th>
            <Th>Team</Th>
            <Th>Reachable</Th>
            <Th>Nearest crown jewel</Th>
            <Th>Pods</Th>
            <Th>Open incidents</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => {
            const top = w.reachable[0];
            return (
              <tr key={w.id} data-testid="workload-row">
                <Td>
                  <ScoreCell score={w.score} breakdown={w.breakdown} />
                </Td>
                <Td>
                  <Link href={`/workloads/${encodeURIComponent(w.id)}`} className="font-medium hover:text-accent hover:underline" data-testid="workload-link">
                    {w.name}
                  </Link>
                  <div className="text-xs text-muted">
                    {w.kind} · {w.namespace} · {w.cluster}
                  </div>
                </Td>
                <Td>{w.team ?? <span className="text-muted">unowned</span>}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {TIERS.filter((t) => (w.reachableCounts[t] ?? 0) > 0).map((t) => (
                      <SensitivityBadge key={t} sensitivity={t} count={w.reachableCounts[t]} />
                    ))}
                    {TIERS.every((t) => !w.reachableCounts[t]) ? <span className="text-muted">nothing sensitive</span> : null}
                  </div>
                </Td>
                <Td className="max-w-xs">
                  {top ? (
                    <div className="flex flex-col gap-0.5">
                      <span className="truncate font-mono text-xs" title={top.asset}>
                        {top.asset}
                      </span>
                      <span className="text-xs text-muted">
                        {top.path.length} {top.path.length === 1 ? "step" : "steps"} · cost {top.cost}
                      </span>
                    </div>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </Td>
                <Td className="tabular-nums">{w.pods.length}</Td>
                <Td className="tabular-nums">
                  {w.openIncidents ? (
                    <Link
                      href={`/incidents?${new URLSearchParams({ cluster: w.cluster, q: w.workload })}`}
                      className="text-accent hover:underline"
                      data-testid="workload-incidents"
                      aria-label={`${w.openIncidents} open incident${w.openIncidents === 1 ? "" : "s"} of ${w.name}`}
                    >
                      {w.openIncidents} open
                    </Link>
                  ) : (
                    <span className="text-muted">none</span>
                  )}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {query.hasNextPage ? (
        <div>
          <Button onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
