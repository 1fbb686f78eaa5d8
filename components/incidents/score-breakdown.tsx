"use client";
// An incident score that explains itself on hover or focus: the tiers within reach and how
// near, the nearest assets, the severity factor and the evidence boost. Never a bare number.
import { useId, useRef, useState } from "react";
import { explainScore } from "@/lib/incidents/explain-score";
import type { TIncidentItem } from "@/lib/queries/incidents";
import { SensitivityBadge } from "../ui/sensitivity-badge";

type TProps = Pick<TIncidentItem, "score" | "scoreBreakdown" | "reachable"> & { size?: "sm" | "lg" };

const PANEL_WIDTH = 360;

export function ScoreBreakdown({ score, scoreBreakdown, reachable, size = "sm" }: TProps) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ top: number; left: number } | null>(null);
  const e = explainScore({ score, breakdown: scoreBreakdown });

  function show() {
    const r = trigger.current?.getBoundingClientRect();
    if (!r) return;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - PANEL_WIDTH - 8));
    const below = r.bottom + 6;
    setAt({ top: below + 260 > window.innerHeight ? Math.max(8, r.top - 266) : below, left });
  }

  const width = Math.min(100, (score / 143) * 100);
  return (
    <span className="inline-block" onMouseEnter={show} onMouseLeave={() => setAt(null)}>
      <button
        ref={trigger}
        type="button"
        aria-describedby={at ? id : undefined}
        aria-label={e.summary}
        onFocus={show}
        onBlur={() => setAt(null)}
        onKeyDown={(ev) => ev.key === "Escape" && setAt(null)}
        className="flex cursor-help flex-col items-start gap-1 rounded text-left"
        data-testid="score"
      >
        <span className={`font-mono font-semibold tabular-nums ${size === "lg" ? "text-2xl" : "text-sm"}`}>{score.toFixed(1)}</span>
        <span className={`overflow-hidden rounded bg-surface-2 ${size === "lg" ? "h-2 w-28" : "h-1.5 w-16"}`} aria-hidden>
          <span className="block h-full bg-accent" style={{ width: `${width}%` }} />
        </span>
      </button>
      {at ? (
        <div
          id={id}
          role="tooltip"
          style={{ top: at.top, left: at.left, width: PANEL_WIDTH }}
          className="pointer-events-none fixed z-50 rounded-lg border border-border bg-surface p-3 text-left text-xs font-normal text-fg shadow-xl"
        >
          <p className="mb-1.5 font-semibold">Why {score.toFixed(1)}</p>
          {e.basisNote ? <p className="mb-1.5 text-muted">{e.basisNote}</p> : null}
          {e.tiers.length ? (
            <ul className="mb-2 flex flex-col gap-1">
              {e.tiers.map((t) => (
                <li key={t.tier}>{t.text}</li>
              ))}
            </ul>
          ) : (
            <p className="mb-2 text-muted">Nothing sensitive within reach.</p>
          )}
          {reachable.length ? (
            <div className="mb-2">
              <p className="mb-1 text-muted">Nearest assets</p>
              <ul className="flex flex-col gap-1">
                {reachable.slice(0, 5).map((r) => (
                  <li key={r.asset} className="flex items-center gap-1.5">
                    <SensitivityBadge sensitivity={r.sensitivity} />
                    <span className="truncate font-mono" title={r.asset}>
                      {r.asset}
                    </span>
                    <span className="ml-auto shrink-0 text-muted">cost {r.cost}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="text-muted">{e.evidenceNote}</p>
          <p className="mt-1.5 border-t border-border pt-1.5 font-mono">{e.formula}</p>
        </div>
      ) : null}
    </span>
  );
}
