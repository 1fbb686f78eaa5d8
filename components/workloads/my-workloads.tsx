"use client";
// The developer's own view: their teams' open incidents first (acknowledge them on the incident
// page), then their teams' workloads ranked by blast radius, each with the single change that cuts
// most and the cheapest fix set, the full fix list one click away.
import { useState } from "react";
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { incidentQueries } from "@/lib/queries/incidents";
import { workloadQueries, type TWorkloadItem } from "@/lib/queries/workloads";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, EmptyState, ErrorNote } from "../ui/card";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import { FixesPanel, type THighlight } from "./fixes-panel";

function FixSummary({ id }: { id: string }) {
  const query = useQuery(workloadQueries.fixes(id));
  if (query.isPending) return <p className="text-xs text-muted">Trying its fixes on the graph…</p>;
  if (query.error || !query.data) return <ErrorNote error={query.error} />;
  const f = query.data;
  const best = f.whatIf[0];
  const cut = f.minimalCut;
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="fix-summary">
      {best && best.removes > 0 ? (
        <p>
          <span className="text-muted">Cuts most: </span>
          <span className="break-words">{best.title}</span>{" "}
          <span className="font-mono tabular-nums text-ok">
            {f.score.toFixed(1)} → {best.scoreAfter.toFixed(1)}
          </span>
        </p>
      ) : (
        <p className="text-muted">No single change lowers its score: several paths lead to the same assets.</p>
      )}
      {cut ? (
        cut.status === "impossible" ? (
          <p className="text-xs text-muted">No set of the changes we model removes every path to {cut.tier === "critical" ? "a critical" : "a high"} asset.</p>
        ) : (
          <p className="text-xs">
            <span className="text-muted">No path to {cut.tier}: </span>
            {cut.fixes.length} change{cut.fixes.length === 1 ? "" : "s"}, cost {cut.cost}{" "}
            {cut.status === "exact" ? <Badge tone="ok">proven cheapest</Badge> : <Badge tone="warn">upper bound</Badge>}{" "}
            <span className="font-mono tabular-nums">→ {cut.scoreAfter.toFixed(1)}</span>
          </p>
        )
      ) : null}
    </div>
  );
}

function WorkloadCard({ w }: { w: TWorkloadItem }) {
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState<THighlight | null>(null);
  return (
    <li className="rounded-lg border border-border bg-surface p-4" data-testid="my-workload">
      <div className="flex flex-wrap items-start gap-4">
        <div className="flex w-20 flex-col">
          <span className="text-[11px] uppercase tracking-wide text-muted">Radius</span>
          <span className="font-mono text-xl font-semibold tabular-nums">{w.score.toFixed(1)}</span>
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-1.5">
          <Link href={`/workloads/${w.id}`} className="w-fit break-all font-medium text-accent hover:underline">
            {w.name}
          </Link>
          <p className="text-xs text-muted">
            {w.kind} · {w.namespace} · {w.cluster} · {w.team ? `team ${w.team}` : "unowned"}
          </p>
          <div className="flex flex-wrap gap-1.5">
            {(["critical", "high", "medium"] as const).map((t) => (w.reachableCounts[t] ? <SensitivityBadge key={t} sensitivity={t} count={w.reachableCounts[t]} /> : null))}
          </div>
          <FixSummary id={w.id} />
        </div>
        <Button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Hide fixes" : "All fixes"}
        </Button>
      </div>
      {open ? (
        <div className="mt-3">
          <FixesPanel id={w.id} highlight={highlight} onHighlight={setHighlight} />
        </div>
      ) : null}
    </li>
  );
}

function MyIncidents() {
  const query = useInfiniteQuery(incidentQueries.list({}));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title="Your teams' open incidents" actions={<Link href="/incidents" className="text-xs text-accent hover:underline">Open the queue</Link>}>
      {query.isPending ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : query.error ? (
        <ErrorNote error={query.error} />
      ) : items.length === 0 ? (
        <p className="text-sm text-muted">None open: nothing waits for your team.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-border" aria-label="Open incidents">
          {items.slice(0, 6).map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="w-14 font-mono tabular-nums">{i.score.toFixed(1)}</span>
              <Link href={`/incidents/${i.id}`} className="min-w-0 flex-1 break-words text-accent hover:underline">
                {i.title}
              </Link>
              <span className="text-xs text-muted">{i.workload.name}</span>
              {i.status === "new" ? <Badge tone="warn">to acknowledge</Badge> : <Badge>{i.status.replace("_", " ")}</Badge>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function MyWorkloads() {
  const query = useInfiniteQuery(workloadQueries.list({}));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [shown, setShown] = useState(10);
  return (
    <div className="flex flex-col gap-5">
      <MyIncidents />
      <section aria-label="Workloads" className="flex flex-col gap-3">
        <h2 className="text-sm font-semibold">Workloads, by blast radius</h2>
        {query.isPending ? (
          <p className="text-sm text-muted">Loading…</p>
        ) : query.error ? (
          <ErrorNote error={query.error} />
        ) : items.length === 0 ? (
          <EmptyState title="No workloads">No workload of your teams is in an inventory yet.</EmptyState>
        ) : (
          <>
            <ol className="flex flex-col gap-3">
              {items.slice(0, shown).map((w) => (
                <WorkloadCard key={w.id} w={w} />
              ))}
            </ol>
            {items.length > shown || query.hasNextPage ? (
              <Button
                type="button"
                className="w-fit"
                onClick={() => {
                  setShown(shown + 10);
                  if (items.length <= shown + 10 && query.hasNextPage) void query.fetchNextPage();
                }}
              >
                Show more
              </Button>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
