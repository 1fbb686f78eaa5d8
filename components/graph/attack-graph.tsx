"use client";
// The attack-graph panel shared by the incident and workload pages: toolbar, canvas, details
// of the selection, the steps the alerts showed, and the same paths as a keyboard-friendly list.
import { useMemo, useRef, useState, type ReactNode } from "react";
import type { TPathGraph } from "@/lib/graph/path-graph";
import { toCyElements } from "@/lib/graph-view/elements";
import { defaultCollapsedTiers, visiblePaths, type TViewPath } from "@/lib/graph-view/paths";
import { buildViewGraph, TIER_PREFIX } from "@/lib/graph-view/view-graph";
import { ExercisedEdges } from "./exercised-edges";
import { GraphCanvas, type TGraphControls, type TGraphSelection } from "./graph-canvas";
import { GraphDetails, GraphLegend, type TAcceptEdge, type TAlertRef } from "./graph-details";
import { GraphToolbar } from "./graph-toolbar";
import type { TLayoutName } from "./load-cytoscape";
import { PathList } from "./path-list";

const NO_ALERTS = new Map<string, TAlertRef>();

export function AttackGraph({
  graph,
  paths,
  root,
  title,
  actions,
  alerts = NO_ALERTS,
  onShowAlert,
  exportName,
  notice,
  onAcceptEdge,
  cluster,
  alertingPods,
}: {
  graph: TPathGraph;
  paths: TViewPath[];
  /** the workload's identifier: where every path starts */
  root: string;
  title: string;
  actions?: ReactNode;
  alerts?: Map<string, TAlertRef>;
  onShowAlert?: (alertId: string) => void;
  exportName: string;
  /** a warning about what the graph shows (e.g. an inventory much older than the alert) */
  notice?: string | null;
  /** offered on a selected edge to those who may accept risks */
  onAcceptEdge?: TAcceptEdge;
  /** the graph's cluster: a selected asset or identity links to who else can reach it */
  cluster?: string;
  /** the pods the incident's alerts came from (marked on the graph) */
  alertingPods?: readonly string[];
}) {
  const [layout, setLayout] = useState<TLayoutName>("paths");
  const [onlyCritical, setOnlyCritical] = useState(false);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  // medium and low assets start as one group per tier; selecting a group opens it in place
  const [collapsedTiers, setCollapsedTiers] = useState<ReadonlySet<string>>(() => defaultCollapsedTiers(paths));
  const [selection, setSelectionState] = useState<TGraphSelection | null>(null);
  const setSelection = (s: TGraphSelection | null) => {
    if (s?.group === "nodes" && s.id.startsWith(TIER_PREFIX)) {
      const tier = s.id.slice(TIER_PREFIX.length);
      setCollapsedTiers((c) => new Set([...c].filter((t) => t !== tier)));
      return setSelectionState(null);
    }
    setSelectionState(s);
  };
  const controls = useRef<TGraphControls | null>(null);

  const alerting = useMemo(() => new Set(alertingPods ?? []), [alertingPods]);
  const view = useMemo(
    () => buildViewGraph(graph, paths, root, { hiddenEdges: hidden, onlyCritical, collapsedTiers, alertingPods: alerting }),
    [graph, paths, root, hidden, onlyCritical, collapsedTiers, alerting],
  );
  const elements = useMemo(() => toCyElements(view), [view]);
  const techniques = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of graph.edges) if (!e.structural) counts.set(e.edge, (counts.get(e.edge) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
  }, [graph]);
  const shownPaths = useMemo(() => visiblePaths(paths, { hiddenEdges: hidden, onlyCritical }), [paths, onlyCritical, hidden]);

  function exportPng() {
    const url = controls.current?.png();
    if (!url) return;
    const a = document.createElement("a");
    a.href = url;
    a.download = `${exportName.replace(/[^a-zA-Z0-9._-]+/g, "_")}.png`;
    a.click();
  }

  const label = `Attack graph of ${root}: ${view.nodes.length} vertices and ${view.edges.length} edges on ${view.paths} paths. The path list below holds the same steps.`;
  return (
    <section aria-label="Attack graph" className="overflow-hidden rounded-lg border border-border bg-surface">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-border px-4 py-3">
        <div>
          <h2 className="text-sm font-semibold">{title}</h2>
          <p className="text-xs text-muted" aria-live="polite">
            {view.paths} path{view.paths === 1 ? "" : "s"} · {view.nodes.length} vertices
            {view.foldedNodes ? ` · ${view.foldedNodes} more folded into “+N more” groups` : ""}
            {view.collapsedAssets ? (
              <>
                {" "}· {view.collapsedAssets} medium and low assets grouped (select a group to open it,{" "}
                <button type="button" className="text-accent underline" onClick={() => setCollapsedTiers(new Set())}>
                  open all
                </button>
                )
              </>
            ) : null}
          </p>
        </div>
        {actions}
      </header>
      {notice ? (
        <p role="note" className="border-b border-border bg-warn/10 px-4 py-2 text-xs text-warn" data-testid="graph-notice">
          {notice}
        </p>
      ) : null}
      <GraphToolbar
        layout={layout}
        onLayout={setLayout}
        onlyCritical={onlyCritical}
        onOnlyCritical={setOnlyCritical}
        techniques={techniques}
        hidden={hidden}
        onToggleTechnique={(t) =>
          setHidden((h) => {
            const next = new Set(h);
            if (next.has(t)) next.delete(t);
            else next.add(t);
            return next;
          })
        }
        onZoom={(f) => controls.current?.zoomBy(f)}
        onFit={() => controls.current?.fit()}
        onExport={exportPng}
        idPrefix={`graph-${exportName}`}
      />
      <div className="flex h-[520px]">
        <div className="min-w-0 flex-1">
          {paths.length === 0 ? (
            <p className="grid h-full place-items-center px-6 text-center text-sm text-muted">
              Nothing sensitive is reachable from this workload in this inventory snapshot (or it is not in the inventory).
            </p>
          ) : (
            <GraphCanvas elements={elements} layout={layout} selected={selection} onSelect={setSelection} controlsRef={controls} label={label} />
          )}
        </div>
        <GraphDetails
          selection={selection}
          view={view}
          graph={graph}
          paths={paths}
          alerts={alerts}
          onShowAlert={onShowAlert}
          onAcceptEdge={onAcceptEdge}
          cluster={cluster}
          onClose={() => setSelection(null)}
        />
      </div>
      {paths.length ? <GraphLegend incident={onShowAlert !== undefined} /> : null}
      <ExercisedEdges edges={graph.edges} alerts={alerts} onSelectEdge={(id) => setSelection({ group: "edges", id })} onShowAlert={onShowAlert} />
      <PathList paths={shownPaths} selectedId={selection?.id ?? null} onSelectEdge={(id) => setSelection({ group: "edges", id })} onSelectNode={(id) => setSelection({ group: "nodes", id })} />
    </section>
  );
}
