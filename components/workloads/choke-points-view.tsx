"use client";
// Choke points: the fixes of a cluster ranked by the blast radius each removes across the
// workloads it touches, each one's drop recomputed per workload; select some and download them as
// one patch file.
import { useState } from "react";
import Link from "next/link";
import { Download } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { workloadQueries, type TChokePointItem } from "@/lib/queries/workloads";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState, ErrorNote } from "../ui/card";
import { CopyBlock } from "../ui/copy-block";
import { Table, Td, Th } from "../ui/table";

const nameOf = (key: string) => key.split("/").slice(2).join("/");

function Row({ p, checked, onCheck }: { p: TChokePointItem; checked: boolean; onCheck: (v: boolean) => void }) {
  const [open, setOpen] = useState(false);
  const shown = p.workloads.slice(0, 3);
  return (
    <>
      <tr data-testid="choke-row">
        <Td className="w-8">
          <input type="checkbox" aria-label={`Select: ${p.title}`} checked={checked} onChange={(e) => onCheck(e.target.checked)} />
        </Td>
        <Td className="max-w-[30rem]">
          <span className="break-words">{p.title}</span>
        </Td>
        <Td className="font-mono tabular-nums">{p.cost}</Td>
        <Td className="font-mono tabular-nums">−{p.removed.toFixed(1)}</Td>
        <Td>{p.criticalCut > 0 ? <span className="whitespace-nowrap"><Badge tone="ok">{p.criticalCut} lose{p.criticalCut === 1 ? "s" : ""} all critical reach</Badge></span> : <span className="text-xs text-muted">—</span>}</Td>
        <Td className="text-xs">
          <span className="font-medium">{p.workloads.length}</span>:{" "}
          {shown.map((w, i) => (
            <span key={w.workload}>
              {i > 0 ? ", " : ""}
              <Link className="text-accent hover:underline" href={`/workloads/${w.workloadId}`} title={`${w.workload}: ${w.before.toFixed(1)} → ${w.after.toFixed(1)}`}>
                {nameOf(w.workload)}
              </Link>
            </span>
          ))}
          {p.workloads.length > shown.length ? <span className="text-muted"> and {p.workloads.length - shown.length} more</span> : null}
        </Td>
        <Td className="text-right">
          <Button type="button" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Hide" : "Details"}
          </Button>
        </Td>
      </tr>
      {open ? (
        <tr>
          <Td colSpan={7} className="bg-bg">
            <div className="grid gap-3 lg:grid-cols-2">
              <div className="flex flex-col gap-2">
                {p.apply.format !== "none" && p.patch ? <CopyBlock text={p.patch} label="patch" /> : null}
                {p.apply.command ? <CopyBlock text={p.apply.command} label="command" /> : null}
              </div>
              <ul aria-label="Workloads it helps" className="flex max-h-64 flex-col gap-1 overflow-auto text-xs">
                {p.workloads.map((w) => (
                  <li key={w.workload} className="flex justify-between gap-3">
                    <Link className="break-all text-accent hover:underline" href={`/workloads/${w.workloadId}`}>
                      {w.workload}
                    </Link>
                    <span className="whitespace-nowrap font-mono tabular-nums text-muted">
                      {w.before.toFixed(1)} → {w.after.toFixed(1)}
                      {w.losesCritical ? " · no critical left" : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </Td>
        </tr>
      ) : null}
    </>
  );
}

export function ChokePointsView({ cluster, clusters }: { cluster: string | null; clusters: string[] }) {
  const query = useQuery({ ...workloadQueries.chokePoints(cluster ?? ""), enabled: cluster !== null });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  if (!cluster) return <EmptyState title="No inventory yet">Upload a cluster inventory to see where one change removes the most danger.</EmptyState>;
  const picker =
    clusters.length > 1 ? (
      <nav aria-label="Cluster" className="flex flex-wrap gap-1">
        {clusters.map((c) => (
          <Link key={c} href={`/choke-points?cluster=${encodeURIComponent(c)}`} aria-current={c === cluster ? "page" : undefined} className={`rounded-md px-2.5 py-1 text-sm ${c === cluster ? "bg-accent text-accent-fg" : "text-muted hover:bg-surface-2 hover:text-fg"}`}>
            {c}
          </Link>
        ))}
      </nav>
    ) : null;
  if (query.isPending) {
    return (
      <div className="flex flex-col gap-3">
        {picker}
        <p className="text-sm text-muted" role="status">
          Trying every workload&apos;s fixes on the graph of {cluster} (about ten seconds on a 10,000-pod cluster, once per inventory)…
        </p>
      </div>
    );
  }
  if (query.error || !query.data) return <ErrorNote error={query.error} />;
  const data = query.data;
  const ids = [...selected];
  const href = `/api/v1/clusters/${encodeURIComponent(cluster)}/choke-points?format=patch&ids=${encodeURIComponent(ids.join(","))}`;
  return (
    <div className="flex flex-col gap-3">
      {picker}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          <strong>{data.total}</strong> change{data.total === 1 ? "" : "s"} lower some workload&apos;s blast radius, out of {data.candidates} tried on {data.workloads} workload
          {data.workloads === 1 ? "" : "s"}.
        </span>
        <span className="text-xs text-muted">Removes = the sum of the score drops of the workloads it touches, each recomputed.</span>
        <a
          href={ids.length ? href : undefined}
          aria-disabled={ids.length === 0}
          className={`ml-auto inline-flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium ${ids.length ? "border-border bg-surface-2 hover:bg-border/60" : "pointer-events-none border-border text-muted opacity-50"}`}
        >
          <Download className="h-3.5 w-3.5" aria-hidden /> Download {ids.length || ""} selected as one patch
        </a>
      </div>
      {data.points.length === 0 ? (
        <EmptyState title="Nothing to cut">No single change lowers the blast radius of {data.workloads ? "these workloads" : "any workload you can see"}.</EmptyState>
      ) : (
        <Table label="Choke points" dense>
          <thead>
            <tr>
              <Th>
                <span className="sr-only">Select</span>
              </Th>
              <Th>Change</Th>
              <Th>Cost</Th>
              <Th>Removes</Th>
              <Th>Critical reach</Th>
              <Th>Workloads it helps</Th>
              <Th>
                <span className="sr-only">Details</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {data.points.map((p) => (
              <Row
                key={p.id}
                p={p}
                checked={selected.has(p.id)}
                onCheck={(v) => {
                  const next = new Set(selected);
                  if (v) next.add(p.id);
                  else next.delete(p.id);
                  setSelected(next);
                }}
              />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
