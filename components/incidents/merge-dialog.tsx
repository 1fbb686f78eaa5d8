"use client";
// Merging incidents the analyst judges to be one attack: pick the one that survives (by default the
// highest in the queue); the others' alerts move into it and their links lead to it from then on.
// Incidents of different teams take an admin who means it (the server checks; DESIGN.md roles).
import { useState } from "react";
import type { TIncidentItem } from "@/lib/queries/incidents";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/card";
import { Dialog } from "../ui/dialog";
import { SeverityLabel } from "./severity-label";

function MergeForm({ incidents, pending, error, onSubmit, onClose }: { incidents: TIncidentItem[]; pending: boolean; error: unknown; onSubmit: (survivor: string, others: string[], force: boolean) => void; onClose: () => void }) {
  const [survivor, setSurvivor] = useState(incidents[0]?.id ?? "");
  const [force, setForce] = useState(false);
  const teams = new Set(incidents.map((i) => i.team ?? "unowned"));
  const clusters = new Set(incidents.map((i) => i.cluster));
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(
          survivor,
          incidents.filter((i) => i.id !== survivor).map((i) => i.id),
          force,
        );
      }}
    >
      <p className="text-sm text-muted">The incident you keep collects the others&apos; alerts and history; their links lead to it from then on. Keep the one the team is working.</p>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">Keep</legend>
        {incidents.map((i) => (
          <label key={i.id} className="flex items-start gap-2 rounded-md border border-border p-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent/5">
            <input type="radio" name="survivor" value={i.id} checked={survivor === i.id} onChange={() => setSurvivor(i.id)} className="mt-1" />
            <span className="flex min-w-0 flex-col">
              <span className="font-medium">{i.title}</span>
              <span className="flex flex-wrap items-center gap-2 text-xs text-muted">
                <span className="font-mono">{i.workload.name}</span> · {i.team ?? "unowned"} · score {i.score.toFixed(1)} · {i.alertCount} alert{i.alertCount === 1 ? "" : "s"}
                <SeverityLabel severity={i.severity} />
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {clusters.size > 1 ? <p className="text-sm text-danger">These incidents are in different clusters: they cannot be one incident.</p> : null}
      {teams.size > 1 && clusters.size === 1 ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} className="mt-1" />
          <span>
            Merge across teams ({[...teams].join(", ")}). Only an admin may: the merged incidents leave their team&apos;s queue.
          </span>
        </label>
      ) : null}
      <ErrorNote error={error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending || clusters.size > 1 || (teams.size > 1 && !force)}>
          Merge {incidents.length - 1} into the one kept
        </Button>
      </div>
    </form>
  );
}

export function MergeDialog({ open, ...form }: { open: boolean; incidents: TIncidentItem[]; pending: boolean; error: unknown; onSubmit: (survivor: string, others: string[], force: boolean) => void; onClose: () => void }) {
  return (
    <Dialog open={open} title="Merge incidents" onClose={form.onClose}>
      {open ? <MergeForm {...form} /> : null}
    </Dialog>
  );
}
