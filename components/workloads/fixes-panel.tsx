"use client";
// Fix it: the cheapest change that leaves the workload no path to a critical (or high) asset, proven
// optimal or labelled an upper bound, and every candidate change with its what-if — the blast radius
// the engine recomputed with that change made. Selecting one marks the edges it removes on the graph.
import { useState } from "react";
import { Wrench } from "lucide-react";
import { useQuery } from "@tanstack/react-query";
import { workloadQueries, type TMinimalCutItem, type TWhatIfItem } from "@/lib/queries/workloads";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, ErrorNote } from "../ui/card";
import { CopyBlock } from "../ui/copy-block";
import { Table, Td, Th } from "../ui/table";

export interface THighlight {
  /** what is selected: "cut:critical", "fix:<id>" */
  key: string;
  /** raw edge keys `from|edge|to` the selection removes */
  edges: Set<string>;
}

const edgeKeys = (edges: readonly { from: string; edge: string; to: string }[]) => new Set(edges.map((e) => `${e.from}|${e.edge}|${e.to}`));
const short = (id: string) => id.slice(id.indexOf("/") + 1);
const TIER_WORD = { critical: "a critical asset", high: "a critical or high asset" } as const;

function Patch({ item }: { item: { patch: string; apply: { format: string; command: string } } }) {
  const { patch, apply } = item;
  const yaml = apply.format === "none" ? "" : patch;
  if (!yaml && !apply.command) return <p className="text-xs text-muted">No patch: the inventory does not hold the object to change.</p>;
  return (
    <div className="flex flex-col gap-2">
      {yaml ? <CopyBlock text={yaml} label={apply.format === "merge-patch" ? "merge patch (fix.yaml)" : "manifest (fix.yaml)"} /> : null}
      {apply.command ? <CopyBlock text={apply.command} label="command" /> : null}
    </div>
  );
}

function CutSummary({ cut, score, selected, onShow }: { cut: TMinimalCutItem; score: number; selected: boolean; onShow: () => void }) {
  if (cut.status === "impossible") {
    return (
      <div className="flex flex-col gap-1.5 text-sm" data-testid={`cut-${cut.tier}`}>
        <p>
          <Badge tone="warn">no fix set</Badge> No combination of the changes we model leaves it without a path to {TIER_WORD[cut.tier]}.
        </p>
        {cut.uncut?.length ? (
          <p className="text-xs text-muted">
            This path has no candidate change (for example a connection your NetworkPolicies allow on purpose):{" "}
            <span className="break-all font-mono">{cut.uncut.map((s) => `${short(s.from)} —${s.edge}→ ${short(s.to)}`).join(" · ")}</span>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3" data-testid={`cut-${cut.tier}`}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <span>
          <strong>
            {cut.fixes.length} change{cut.fixes.length === 1 ? "" : "s"}, cost {cut.cost}
          </strong>{" "}
          leave{cut.fixes.length === 1 ? "s" : ""} no path to {TIER_WORD[cut.tier]}.
        </span>
        {cut.status === "exact" ? (
          <Badge tone="ok">proven cheapest</Badge>
        ) : (
          <Badge tone="warn">upper bound · nothing cheaper than {cut.lowerBound}</Badge>
        )}
        <span className="font-mono tabular-nums text-muted">
          score {score.toFixed(1)} → {cut.scoreAfter.toFixed(1)}
        </span>
        {cut.edgeCutCost !== null && cut.edgeCutCost > cut.cost ? (
          <span className="text-xs text-muted">(pricing each edge on its own would cost {cut.edgeCutCost})</span>
        ) : null}
        <Button type="button" variant={selected ? "primary" : "secondary"} aria-pressed={selected} onClick={onShow}>
          {selected ? "Shown on the graph" : "Show on the graph"}
        </Button>
      </div>
      <ol className="flex flex-col gap-2">
        {cut.fixes.map((f, i) => (
          <li key={f.id} className="rounded-md border border-border bg-bg p-3">
            <details>
              <summary className="cursor-pointer text-sm">
                <span className="mr-2 font-mono text-xs text-muted">{i + 1}.</span>
                <span className="break-words">{f.title}</span> <Badge>cost {f.cost}</Badge>
              </summary>
              <div className="mt-2">
                <Patch item={f} />
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

function WhatIfRow({ item, score, selected, onSelect }: { item: TWhatIfItem; score: number; selected: boolean; onSelect: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr aria-selected={selected} className={selected ? "bg-accent/10" : undefined}>
        <Td className="max-w-[34rem]">
          <span className="break-words">{item.title}</span>
        </Td>
        <Td className="font-mono tabular-nums">{item.cost}</Td>
        <Td className="whitespace-nowrap font-mono tabular-nums">
          {score.toFixed(1)} → {item.scoreAfter.toFixed(1)}
          {item.removes > 0 ? <span className="ml-1 text-ok">(−{item.removes.toFixed(1)})</span> : null}
        </Td>
        <Td className="text-xs" title={item.removedAssets.join("\n")}>
          {item.removedAssets.length ? `${item.removedAssets.length} asset${item.removedAssets.length === 1 ? "" : "s"}` : <span className="text-muted">none (other paths remain)</span>}
        </Td>
        <Td className="whitespace-nowrap text-right">
          <Button type="button" variant="ghost" aria-pressed={selected} onClick={onSelect}>
            {selected ? "On graph" : "Show"}
          </Button>
          <Button type="button" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
            Patch
          </Button>
        </Td>
      </tr>
      {open ? (
        <tr>
          <Td colSpan={5} className="bg-bg">
            <Patch item={item} />
          </Td>
        </tr>
      ) : null}
    </>
  );
}

const FIRST = 8;

export function FixesPanel({ id, highlight, onHighlight }: { id: string; highlight: THighlight | null; onHighlight: (h: THighlight | null) => void }) {
  const query = useQuery(workloadQueries.fixes(id));
  const [tier, setTier] = useState<"critical" | "high" | null>(null);
  const [all, setAll] = useState(false);
  const toggle = (key: string, edges: readonly { from: string; edge: string; to: string }[]) =>
    onHighlight(highlight?.key === key ? null : { key, edges: edgeKeys(edges) });

  let body;
  if (query.isPending) body = <p className="text-sm text-muted" role="status">Computing the fixes: each change is tried on the graph…</p>;
  else if (query.error || !query.data) body = <ErrorNote error={query.error} />;
  else {
    const f = query.data;
    const cut = f.minimalCuts.find((c) => c.tier === tier) ?? f.minimalCut;
    const shown = all ? f.whatIf : f.whatIf.slice(0, FIRST);
    body = (
      <div className="flex flex-col gap-4">
        {cut ? (
          <section aria-label="Cheapest fix set" className="flex flex-col gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="text-sm font-semibold">Cheapest fix set</h3>
              {f.minimalCuts.length > 1 ? (
                <div role="group" aria-label="Tier" className="flex gap-1">
                  {f.minimalCuts.map((c) => (
                    <Button key={c.tier} type="button" variant={c.tier === cut.tier ? "primary" : "ghost"} aria-pressed={c.tier === cut.tier} onClick={() => setTier(c.tier)}>
                      No path to {c.tier === "critical" ? "critical" : "critical or high"}
                    </Button>
                  ))}
                </div>
              ) : null}
            </div>
            <CutSummary cut={cut} score={f.score} selected={highlight?.key === `cut:${cut.tier}`} onShow={() => toggle(`cut:${cut.tier}`, cut.removedEdges)} />
          </section>
        ) : (
          <p className="text-sm text-muted">It reaches no critical or high asset: there is nothing urgent to cut.</p>
        )}
        {f.whatIf.length ? (
          <section aria-label="What if" className="flex flex-col gap-2">
            <h3 className="text-sm font-semibold">Each change on its own (what-if, recomputed)</h3>
            <Table label="What-if of each change" dense>
              <thead>
                <tr>
                  <Th>Change</Th>
                  <Th>Cost</Th>
                  <Th>Blast radius</Th>
                  <Th>No longer reachable</Th>
                  <Th className="text-right">
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {shown.map((w) => (
                  <WhatIfRow key={w.id} item={w} score={f.score} selected={highlight?.key === `fix:${w.id}`} onSelect={() => toggle(`fix:${w.id}`, w.removedEdges)} />
                ))}
              </tbody>
            </Table>
            {f.whatIf.length > FIRST ? (
              <Button type="button" variant="ghost" className="w-fit" onClick={() => setAll(!all)}>
                {all ? "Show the first 8" : `Show all ${f.whatIf.length} changes`}
              </Button>
            ) : null}
          </section>
        ) : null}
      </div>
    );
  }
  return (
    <Card
      title="Fix it"
      actions={
        <span className="inline-flex items-center gap-1 text-xs text-muted">
          <Wrench className="h-3.5 w-3.5" aria-hidden /> costs: pod spec 1 · NetworkPolicy 2 · Role 2 · ClusterRole 3 · cloud role 3, +1 per other workload served
        </span>
      }
    >
      {body}
    </Card>
  );
}
