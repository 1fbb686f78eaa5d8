"use client";
// Which inventory the graph shows: as it was at the first alert (what the attacker had) or now.
import type { TSnapshotChoice } from "@/lib/queries/incidents";

const CHOICES: [TSnapshotChoice, string][] = [
  ["alert", "As at first alert"],
  ["latest", "Latest"],
];

export function SnapshotSwitch({ value, onChange, fellBack }: { value: TSnapshotChoice; onChange: (v: TSnapshotChoice) => void; fellBack: boolean }) {
  return (
    <div className="flex items-center gap-2">
      {fellBack ? <span className="text-xs text-warn">The first alert&apos;s inventory is gone: showing the latest.</span> : null}
      <div role="group" aria-label="Inventory snapshot" className="inline-flex overflow-hidden rounded-md border border-border">
        {CHOICES.map(([v, label]) => (
          <button
            key={v}
            type="button"
            aria-pressed={value === v}
            onClick={() => onChange(v)}
            className={`px-2.5 py-1 text-xs font-medium ${value === v ? "bg-accent text-accent-fg" : "bg-surface-2 text-muted hover:text-fg"}`}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
