"use client";
// Controls of the graph: layout, which techniques and assets to show, zoom, export.
import { Download, Filter, Maximize2, ZoomIn, ZoomOut } from "lucide-react";
import type { TLayoutName } from "./load-cytoscape";

const iconButton = "rounded-md border border-border bg-surface-2 p-1.5 text-muted hover:text-fg";

export function GraphToolbar({
  layout,
  onLayout,
  onlyCritical,
  onOnlyCritical,
  techniques,
  hidden,
  onToggleTechnique,
  onZoom,
  onFit,
  onExport,
  idPrefix,
}: {
  layout: TLayoutName;
  onLayout: (l: TLayoutName) => void;
  onlyCritical: boolean;
  onOnlyCritical: (on: boolean) => void;
  /** technique (edge kind) → how many edges of it the graph has */
  techniques: [string, number][];
  hidden: ReadonlySet<string>;
  onToggleTechnique: (edge: string) => void;
  onZoom: (factor: number) => void;
  onFit: () => void;
  onExport: () => void;
  idPrefix: string;
}) {
  const shown = techniques.filter(([t]) => !hidden.has(t)).length;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-border px-3 py-2 text-sm">
      <div role="group" aria-label="Layout" className="inline-flex overflow-hidden rounded-md border border-border">
        {(
          [
            ["paths", "Paths (left to right)"],
            ["neighbourhood", "Neighbourhood"],
          ] as const
        ).map(([value, text]) => (
          <button
            key={value}
            type="button"
            aria-pressed={layout === value}
            onClick={() => onLayout(value)}
            className={`px-2.5 py-1 text-xs font-medium ${layout === value ? "bg-accent text-accent-fg" : "bg-surface-2 text-muted hover:text-fg"}`}
          >
            {text}
          </button>
        ))}
      </div>
      <label htmlFor={`${idPrefix}-critical`} className="inline-flex items-center gap-1.5 text-xs">
        <input id={`${idPrefix}-critical`} type="checkbox" checked={onlyCritical} onChange={(e) => onOnlyCritical(e.target.checked)} />
        Only paths to critical assets
      </label>
      <details className="relative">
        <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded-md border border-border bg-surface-2 px-2.5 py-1 text-xs font-medium text-muted hover:text-fg">
          <Filter className="h-3.5 w-3.5" aria-hidden />
          Techniques {shown}/{techniques.length}
        </summary>
        <fieldset className="absolute left-0 z-20 mt-1 max-h-80 w-72 overflow-auto rounded-md border border-border bg-surface p-2 shadow-xl">
          <legend className="sr-only">Techniques shown on the graph</legend>
          {techniques.map(([t, n]) => (
            <label key={t} htmlFor={`${idPrefix}-t-${t}`} className="flex items-center gap-2 rounded px-1 py-0.5 font-mono text-xs hover:bg-surface-2">
              <input id={`${idPrefix}-t-${t}`} type="checkbox" checked={!hidden.has(t)} onChange={() => onToggleTechnique(t)} />
              <span className="flex-1">{t}</span>
              <span className="text-muted">{n}</span>
            </label>
          ))}
        </fieldset>
      </details>
      <div className="ml-auto flex items-center gap-1">
        <button type="button" className={iconButton} onClick={() => onZoom(1.25)} aria-label="Zoom in" title="Zoom in">
          <ZoomIn className="h-4 w-4" aria-hidden />
        </button>
        <button type="button" className={iconButton} onClick={() => onZoom(0.8)} aria-label="Zoom out" title="Zoom out">
          <ZoomOut className="h-4 w-4" aria-hidden />
        </button>
        <button type="button" className={iconButton} onClick={onFit} aria-label="Fit the graph to the panel" title="Fit">
          <Maximize2 className="h-4 w-4" aria-hidden />
        </button>
        <button type="button" onClick={onExport} className="inline-flex items-center gap-1 rounded-md border border-border bg-surface-2 px-2.5 py-1 text-xs font-medium text-muted hover:text-fg">
          <Download className="h-3.5 w-3.5" aria-hidden /> PNG
        </button>
      </div>
    </div>
  );
}
