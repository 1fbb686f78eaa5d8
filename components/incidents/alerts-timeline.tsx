"use client";
// The alerts behind an incident, newest first; a link from the graph scrolls to one of them.
import { useEffect, useState } from "react";
import type { TIncidentAlert } from "@/lib/queries/incidents";
import { Button } from "../ui/button";
import { AlertCard } from "./alert-card";

const FIRST = 25;

export function AlertsTimeline({ alerts, total, focus }: { alerts: TIncidentAlert[]; total: number; focus: { id: string; n: number } | null }) {
  const [showAll, setShowAll] = useState(false);
  const focusAt = focus ? alerts.findIndex((a) => a.id === focus.id) : -1;
  const shown = showAll || focusAt >= FIRST ? alerts : alerts.slice(0, FIRST);

  useEffect(() => {
    if (!focus) return;
    const el = document.getElementById(`alert-${focus.id}`);
    el?.scrollIntoView({ behavior: "smooth", block: "center" });
    el?.focus({ preventScroll: true });
  }, [focus]);

  return (
    <section aria-label="Alerts" className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <header className="flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">Alerts</h2>
        <span className="text-xs text-muted">
          {total > alerts.length ? `latest ${alerts.length} of ${total}` : `${alerts.length}`} · newest first
        </span>
      </header>
      {alerts.length === 0 ? <p className="text-sm text-muted">No alerts are stored for this incident (they may have passed the retention period).</p> : null}
      <ol className="flex flex-col gap-3">
        {shown.map((a) => (
          <li key={a.id}>
            <AlertCard alert={a} highlighted={focus?.id === a.id} />
          </li>
        ))}
      </ol>
      {shown.length < alerts.length ? (
        <Button onClick={() => setShowAll(true)} className="self-start">
          Show all {alerts.length} alerts
        </Button>
      ) : null}
    </section>
  );
}
