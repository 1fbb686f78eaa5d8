"use client";
// An incident's alerts at any volume: a histogram of when they came, then identical alerts
// (same rule, process, command line, file) grouped with their count and first/last seen, or every
// alert newest first, a page at a time. The raw event is one click away in each alert.
import { useEffect, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { alertQueries, type TAlertGroup, type TIncidentAlert } from "@/lib/queries/incidents";
import { AlertBars } from "../charts/alert-bars";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { RelativeTime } from "../ui/relative-time";
import { AlertCard } from "./alert-card";
import { SeverityLabel } from "./severity-label";

const SEVERITY_ORDER = ["emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"];
const BUCKET_WORDS: Record<string, string> = { "1m": "minute", "5m": "5 minutes", "15m": "15 minutes", "1h": "hour", "6h": "6 hours", "1d": "day" };

export function IncidentAlerts({ incidentId, focus, focusAlert }: {
  incidentId: string;
  /** an alert the graph links to (its edge was exercised by it), shown pinned on top */
  focus: { id: string; n: number } | null;
  focusAlert: TIncidentAlert | null;
}) {
  const [mode, setMode] = useState<"grouped" | "all">("grouped");
  const [only, setOnly] = useState<TAlertGroup | null>(null);
  // the linked alert stays pinned until unpinned; the next link from the graph pins again
  const [unpinned, setUnpinned] = useState<number | null>(null);
  const pinned = focus && focus.n !== unpinned ? focusAlert : null;
  const histogram = useQuery(alertQueries.histogram(incidentId));
  const groups = useInfiniteQuery({ ...alertQueries.groups(incidentId), enabled: mode === "grouped" });
  const list = useInfiniteQuery({ ...alertQueries.list(incidentId, only?.key ?? null), enabled: mode === "all" });
  const summary = (mode === "grouped" ? groups.data : list.data)?.pages[0];

  useEffect(() => {
    if (!focus) return;
    requestAnimationFrame(() => {
      const el = document.getElementById(`alert-${focus.id}`);
      el?.scrollIntoView({ behavior: "smooth", block: "center" });
      el?.focus({ preventScroll: true });
    });
  }, [focus]);

  const h = histogram.data;
  const severities = h ? SEVERITY_ORDER.filter((s) => h.buckets.some((b) => b.counts[s])) : [];
  return (
    <section aria-label="Alerts" className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold">Alerts</h2>
          {summary ? (
            <span className="text-xs text-muted" data-testid="alerts-summary">
              {summary.total} alert{summary.total === 1 ? "" : "s"} · {summary.groups} kind{summary.groups === 1 ? "" : "s"}
              {summary.firstSeen && summary.lastSeen && summary.total > 1 ? (
                <>
                  {" "}· first <RelativeTime iso={summary.firstSeen} compact /> · last <RelativeTime iso={summary.lastSeen} compact />
                </>
              ) : null}
            </span>
          ) : null}
        </div>
        <div role="group" aria-label="Show alerts" className="flex overflow-hidden rounded-md border border-border text-xs">
          {(["grouped", "all"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => {
                setMode(m);
                if (m === "grouped") setOnly(null);
              }}
              className={`px-2.5 py-1 ${mode === m ? "bg-accent text-accent-fg" : "bg-surface hover:bg-surface-2"}`}
            >
              {m === "grouped" ? "Grouped" : "Every alert"}
            </button>
          ))}
        </div>
      </header>

      {h && h.total > 2 && h.buckets.length > 2 ? (
        <div className="flex flex-col gap-1">
          <AlertBars bars={h.buckets} series={severities} by="severity" bucketSeconds={h.bucketSeconds} label={`Alerts per ${BUCKET_WORDS[h.bucket] ?? h.bucket}, by severity`} />
          <p className="text-[11px] text-muted">
            per {BUCKET_WORDS[h.bucket] ?? h.bucket} (UTC) ·{" "}
            {severities.map((s, i) => (
              <span key={s}>
                {i ? ", " : ""}
                {s} {h.buckets.reduce((n, b) => n + (b.counts[s] ?? 0), 0)}
              </span>
            ))}
          </p>
        </div>
      ) : null}

      {pinned ? (
        <div className="flex flex-col gap-1" data-testid="alert-pinned">
          <div className="flex items-center justify-between text-xs text-muted">
            <span>Linked from the graph</span>
            <button type="button" onClick={() => setUnpinned(focus?.n ?? null)} className="inline-flex items-center gap-1 hover:text-fg" aria-label="Unpin the linked alert">
              <X className="h-3.5 w-3.5" aria-hidden /> unpin
            </button>
          </div>
          <AlertCard alert={pinned} highlighted />
        </div>
      ) : null}

      <ErrorNote error={histogram.error ?? (mode === "grouped" ? groups.error : list.error)} />
      {summary && summary.total === 0 ? <p className="text-sm text-muted">No alerts are stored for this incident (they may have passed the retention period).</p> : null}

      {mode === "grouped" ? (
        <ol className="flex flex-col gap-2" aria-label="Alerts grouped by rule, process, command line and file">
          {groups.data?.pages.flatMap((p) => p.items).map((g) => (
            <li key={g.key}>
              <AlertGroupItem
                group={g}
                onShowAll={() => {
                  setOnly(g);
                  setMode("all");
                }}
              />
            </li>
          ))}
        </ol>
      ) : (
        <>
          {only ? (
            <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="alerts-only">
              <span className="text-muted">Only</span>
              <span className="max-w-full truncate rounded border border-border bg-surface-2 px-2 py-0.5 font-mono" title={only.cmdline ?? only.rule}>
                {only.rule}: {only.cmdline ?? only.process ?? "—"}
              </span>
              <button type="button" onClick={() => setOnly(null)} className="text-accent hover:underline">
                show every alert
              </button>
            </div>
          ) : null}
          <ol className="flex flex-col gap-3">
            {list.data?.pages.flatMap((p) => p.items).map((a) => (
              <li key={a.id}>
                <AlertCard alert={a} highlighted={focus?.id === a.id} />
              </li>
            ))}
          </ol>
        </>
      )}
      <MoreButton query={mode === "grouped" ? groups : list} what={mode === "grouped" ? "kinds of alert" : "older alerts"} shown={mode === "grouped" ? (groups.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? 0) : (list.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? 0)} of={mode === "grouped" ? summary?.groups : only ? only.count : summary?.total} />
    </section>
  );
}

function MoreButton({ query, what, shown, of }: { query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown }; what: string; shown: number; of: number | undefined }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="flex items-center gap-3">
      <Button onClick={() => query.fetchNextPage()} busy={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? "Loading…" : `Load more ${what}`}
      </Button>
      {of !== undefined ? (
        <span className="text-xs text-muted">
          {shown} of {of} shown
        </span>
      ) : null}
    </div>
  );
}

/** One kind of alert: a summary line with its count; a single alert is shown in full at once. */
function AlertGroupItem({ group: g, onShowAll }: { group: TAlertGroup; onShowAll: () => void }) {
  const [open, setOpen] = useState(false);
  if (g.count === 1) return <AlertCard alert={g.latest} highlighted={false} />;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border p-3" data-testid="alert-group">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <span className="rounded bg-surface-2 px-2 py-0.5 text-sm font-semibold tabular-nums" data-testid="alert-group-count" aria-label={`${g.count} identical alerts`}>
          ×{g.count}
        </span>
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h3 className="text-sm font-semibold">{g.rule}</h3>
            <SeverityLabel severity={g.severity} />
          </div>
          <code className="break-all font-mono text-xs" data-testid="alert-group-cmdline">
            <span className="text-muted">{g.process ?? "—"} ·</span> {g.cmdline ?? "—"}
          </code>
          {g.file ? (
            <span className="break-all font-mono text-xs">
              <span className="font-sans text-muted">file</span> {g.file}
            </span>
          ) : null}
        </div>
        <div className="text-right text-xs text-muted">
          <div>
            first <RelativeTime iso={g.firstSeen} compact />
          </div>
          <div>
            last <RelativeTime iso={g.lastSeen} compact />
          </div>
        </div>
      </div>
      <div className="flex flex-wrap gap-3 text-xs">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className="text-accent hover:underline">
          {open ? "Hide the latest alert" : "Show the latest alert"}
        </button>
        <button type="button" onClick={onShowAll} className="text-accent hover:underline">
          List all {g.count}
        </button>
      </div>
      {open ? <AlertCard alert={g.latest} highlighted={false} /> : null}
    </div>
  );
}
