"use client";
// One workload's blast radius without an incident: what its identity, node and network reach,
// drawn with the same graph as an incident.
import { useMemo, useRef, useState } from "react";
import Link from "next/link";
import { ArrowLeft, ShieldCheck } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { acceptedEdgeMarks } from "@/lib/domain/accepted-risk";
import { buildPathGraph } from "@/lib/graph/path-graph";
import { workloadQueries } from "@/lib/queries/workloads";
import { AcceptRiskDialog, type TRiskTarget } from "../ownership/accept-risk-dialog";
import { AcceptedRiskList } from "../ownership/accepted-risk-list";
import { AttackGraph } from "../graph/attack-graph";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { FixesPanel, type THighlight } from "./fixes-panel";
import { SensitivityBadge } from "../ui/sensitivity-badge";

const TIERS = ["critical", "high", "medium", "low"] as const;

export function WorkloadView({ id, me }: { id: string; me: { id: string; canAccept: boolean } }) {
  const query = useQuery(workloadQueries.detail(id));
  const [accepting, setAccepting] = useState<TRiskTarget | null>(null);
  const [highlight, setHighlight] = useState<THighlight | null>(null);
  const graphRef = useRef<HTMLDivElement>(null);
  // a fix selected below is looked at on the graph above: bring it into view
  const showFix = (h: THighlight | null) => {
    setHighlight(h);
    if (h) graphRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  const w = query.data;
  const graph = useMemo(() => {
    if (!w) return null;
    const assets = new Map(w.reachable.map((r) => [r.asset, { type: r.type, sensitivity: r.sensitivity }]));
    const marks = acceptedEdgeMarks(w.reachable, w.pods, w.acceptedRisks.map((r) => ({ ...r, owner: r.owner.name })));
    return buildPathGraph(w.workload, w.pods, w.reachable, new Map(), assets, marks, highlight?.edges);
  }, [w, highlight]);

  if (query.isPending) return <p className="text-sm text-muted" role="status">Loading the workload and its attack graph…</p>;
  if (query.error || !w || !graph) {
    return (
      <div className="flex flex-col items-start gap-2">
        <ErrorNote error={query.error} />
        <Button onClick={() => query.refetch()}>Try again</Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-5">
      <section aria-label="Workload summary" className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-4">
        <Link href="/workloads" className="inline-flex w-fit items-center gap-1 text-xs text-muted hover:text-fg">
          <ArrowLeft className="h-3.5 w-3.5" aria-hidden /> Workloads
        </Link>
        <div className="flex flex-wrap items-start gap-6">
          <div className="flex flex-col gap-1">
            <span className="text-[11px] font-medium uppercase tracking-wide text-muted">Blast radius</span>
            <span className="font-mono text-2xl font-semibold tabular-nums">{w.score.toFixed(1)}</span>
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <h1 className="break-words text-xl font-semibold">{w.name}</h1>
            <p className="text-sm text-muted">
              {w.kind} · {w.namespace} · {w.cluster} · {w.team ? `team ${w.team}` : "unowned"} · {w.pods.length} pod{w.pods.length === 1 ? "" : "s"}
            </p>
          </div>
          {me.canAccept && !w.acceptedRisks.some((r) => !r.edge) ? (
            <Button type="button" onClick={() => setAccepting({ workloadId: w.id, workloadName: w.name })}>
              <ShieldCheck className="h-3.5 w-3.5" aria-hidden /> Accept risk…
            </Button>
          ) : null}
        </div>
        {!w.current && (
          <p role="status" className="rounded-md border border-border bg-bg px-3 py-2 text-sm text-muted">
            This workload is not in the cluster&apos;s current inventory: shown as its last inventory had it.
          </p>
        )}
        <ul aria-label="Score breakdown" className="flex flex-wrap gap-x-6 gap-y-2 border-t border-border pt-3 text-sm">
          {TIERS.map((t) => {
            const b = w.breakdown.find((x) => x.tier === t);
            return (
              <li key={t} className="flex items-center gap-2">
                <SensitivityBadge sensitivity={t} count={b?.count ?? 0} />
                <span className="text-xs text-muted">
                  {b?.count ? `nearest at cost ${b.nearestCost} · adds ${b.contribution.toFixed(1)}` : "none reachable"}
                </span>
              </li>
            );
          })}
        </ul>
        {w.acceptedRisks.length ? <AcceptedRiskList risks={w.acceptedRisks} canRevoke={me.canAccept} /> : null}
      </section>
      <div ref={graphRef} className="scroll-mt-16">
      <AttackGraph
        graph={graph}
        paths={w.reachable}
        root={w.workload}
        title={`What ${w.name} can reach`}
        exportName={`workload-${w.namespace}-${w.name}`}
        cluster={w.cluster}
        onAcceptEdge={me.canAccept ? (edge) => setAccepting({ workloadId: w.id, workloadName: w.name, edge }) : undefined}
      />
      </div>
      <FixesPanel id={w.id} highlight={highlight} onHighlight={showFix} />
      <AcceptRiskDialog target={accepting} meId={me.id} onClose={() => setAccepting(null)} />
    </div>
  );
}
