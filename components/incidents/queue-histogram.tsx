"use client";
// The queue's last 24 hours of alerts as bars, by severity or by rule: a bad rule rollout or a
// burst during an attack shows before anyone reads a row.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { alertQueries } from "@/lib/queries/incidents";
import { AlertBars, seriesColour } from "../charts/alert-bars";

export function QueueHistogram({ cluster }: { cluster: string | undefined }) {
  const [by, setBy] = useState<"severity" | "rule">("severity");
  const query = useQuery(alertQueries.queueHistogram(by, cluster));
  const h = query.data;
  const total = h ? h.series.reduce((n, s) => n + s.total, 0) : 0;
  return (
    <section aria-label="Alerts in the last 24 hours" className="flex flex-col gap-1 rounded-lg border border-border bg-surface px-3 py-2" data-testid="queue-histogram">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <p>
          <span className="font-semibold">Alerts, last 24 h</span>
          <span className="text-muted">
            {h ? ` · ${total} in ${cluster ? cluster : "all clusters"} · per ${h.bucket === "1h" ? "hour" : h.bucket} (UTC)` : " · loading…"}
          </span>
        </p>
        <div role="group" aria-label="Split the alerts by" className="flex overflow-hidden rounded-md border border-border">
          {(["severity", "rule"] as const).map((b) => (
            <button key={b} type="button" aria-pressed={by === b} onClick={() => setBy(b)} className={`px-2 py-0.5 ${by === b ? "bg-accent text-accent-fg" : "hover:bg-surface-2"}`}>
              by {b}
            </button>
          ))}
        </div>
      </div>
      {h && total > 0 ? (
        <div className="flex flex-col gap-1 lg:flex-row lg:items-center lg:gap-4">
          <div className="min-w-0 flex-1">
            <AlertBars bars={h.buckets} series={h.series.map((s) => s.name)} by={by} bucketSeconds={h.bucketSeconds} height={64} label={`Alerts per hour over the last 24 hours, by ${by}`} />
          </div>
          <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] lg:w-96" aria-label="Series">
            {h.series.map((s, i) => (
              <li key={s.name} className="flex min-w-0 max-w-full items-center gap-1" title={`${s.name}: ${s.total}`}>
                <span aria-hidden className="h-2 w-2 shrink-0 rounded-sm" style={{ background: seriesColour(s.name, i, by) }} />
                <span className="truncate">{s.name}</span>
                <span className="tabular-nums text-muted">{s.total}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : h ? (
        <p className="text-xs text-muted">No alerts joined an incident in the last 24 hours.</p>
      ) : null}
    </section>
  );
}
