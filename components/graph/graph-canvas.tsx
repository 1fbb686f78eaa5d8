"use client";
// The cytoscape canvas: mounts once in the browser, redraws and re-lays out when the elements
// or the layout change, follows the theme, and reports taps on nodes and edges.
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Core, EdgeSingular, ElementDefinition, LayoutOptions, NodeSingular } from "cytoscape";
import type { TCyElement } from "@/lib/graph-view/elements";
import { compactLayers } from "@/lib/graph-view/layers";
import { graphStyle, readPalette } from "./graph-style";
import { LAYOUTS, LEGIBLE_ZOOM, loadCytoscape, MAX_FRAME_ZOOM, type TLayoutName } from "./load-cytoscape";
import { Minimap } from "./minimap";

/**
 * The first view: everything when it fits at a legible zoom, else the cheapest routes to critical
 * assets, framed as large as fits, never below the legible zoom; when they do not fit at that
 * zoom, the workload stays at the left and the paths run right, and the minimap shows the rest.
 */
export function frame(cy: Core, layout: TLayoutName) {
  // the whole graph when it reads at that size, else the critical routes
  cy.fit(cy.nodes(), 28);
  const critical = cy.nodes(".critical-route");
  const target = cy.zoom() >= LEGIBLE_ZOOM || critical.empty() ? cy.nodes() : critical.union(cy.nodes(".origin"));
  cy.fit(target, 28);
  if (cy.zoom() > MAX_FRAME_ZOOM) {
    cy.zoom(MAX_FRAME_ZOOM);
    cy.center(target);
  }
  if (cy.zoom() >= LEGIBLE_ZOOM) return;
  keepLegible(cy, target, layout);
}

/**
 * At the legible zoom: in the paths layout the workload at the left and the routes running right;
 * in the neighbourhood layout the workload in the middle with what surrounds it.
 */
function keepLegible(cy: Core, target: ReturnType<Core["nodes"]>, layout: TLayoutName) {
  cy.zoom(LEGIBLE_ZOOM);
  const bb = target.renderedBoundingBox();
  const origin = cy.$("node.origin");
  if (layout === "paths" && origin.nonempty()) {
    const at = origin.renderedPosition();
    const dy = bb.h <= cy.height() - 56 ? cy.height() / 2 - (bb.y1 + bb.y2) / 2 : 28 - bb.y1;
    cy.panBy({ x: 60 - at.x, y: dy });
  } else cy.center(origin.nonempty() ? origin : target);
}

/**
 * After dagre's left-to-right layers: the critical routes to the top of each layer, the layers
 * stacked tightly and as close as their labels allow (lib/graph-view/layers.ts).
 */
function compact(cy: Core) {
  const nodes = cy.nodes().map((n) => {
    const box = n.boundingBox({ includeLabels: true, includeOverlays: false });
    const at = n.position();
    return { id: n.id(), ...at, w: box.w, h: box.h, up: at.y - box.y1, critical: n.hasClass("critical-route") || n.hasClass("origin"), lead: n.hasClass("alerted") };
  });
  const edges = cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  // an edge's label wraps within 112 px (graph-style.ts): two vertices and that, with some air
  const at = compactLayers(nodes, edges, { gapX: 16, gapY: 12, minStep: 168 });
  cy.nodes().positions((n) => at.get((n as NodeSingular).id()) ?? (n as NodeSingular).position());
}

const byPosition = (a: NodeSingular, b: NodeSingular) => {
  const [p, q] = [a.position(), b.position()];
  return p.x - q.x || p.y - q.y;
};
const byTarget = (a: EdgeSingular, b: EdgeSingular) => byPosition(a.target(), b.target());
const bySource = (a: EdgeSingular, b: EdgeSingular) => byPosition(a.source(), b.source());

/**
 * The keyboard's way through the drawn graph: from a vertex, → takes its first outgoing edge and
 * ← its first incoming one, ↓/↑ the next/previous vertex in reading order; from an edge, → and ←
 * go to its target and source, ↓/↑ to the next/previous edge of the same source. Home: the
 * workload; Escape: nothing. Returns the element to select, or undefined when the key is not ours.
 */
export function keyboardStep(cy: Core, current: TGraphSelection | null, key: string): TGraphSelection | null | undefined {
  const nodes = () => cy.nodes().sort(byPosition);
  const pick = (ele: NodeSingular | EdgeSingular | undefined): TGraphSelection | null =>
    ele ? { group: ele.isNode() ? "nodes" : "edges", id: ele.id() } : current;
  const origin = () => {
    const o = cy.nodes(".origin");
    return pick(o.nonempty() ? o[0] : nodes()[0]);
  };
  if (key === "Escape") return null;
  if (key === "Home") return origin();
  if (!["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"].includes(key)) return undefined;
  const found = current ? cy.getElementById(current.id) : null;
  if (!found || found.empty()) return origin();
  const step = key === "ArrowDown" ? 1 : -1;
  if (found.isNode()) {
    const node = found as unknown as NodeSingular;
    if (key === "ArrowRight") return pick(node.outgoers().edges().sort(byTarget)[0]);
    if (key === "ArrowLeft") return pick(node.incomers().edges().sort(bySource)[0]);
    const all = nodes().toArray() as NodeSingular[];
    const i = all.findIndex((n) => n.id() === node.id());
    return pick(all[(i + step + all.length) % all.length]);
  }
  const edge = found as unknown as EdgeSingular;
  if (key === "ArrowRight") return pick(edge.target());
  if (key === "ArrowLeft") return pick(edge.source());
  const siblings = edge.source().outgoers().edges().sort(byTarget).toArray() as EdgeSingular[];
  const i = siblings.findIndex((e) => e.id() === edge.id());
  return pick(siblings[(i + step + siblings.length) % siblings.length]);
}

export interface TGraphControls {
  zoomBy: (factor: number) => void;
  fit: () => void;
  /** the whole graph as a PNG data URL */
  png: () => string;
}

export interface TGraphSelection {
  group: "nodes" | "edges";
  id: string;
}

export function GraphCanvas({ elements, layout, selected, onSelect, controlsRef, label }: {
  elements: TCyElement[];
  layout: TLayoutName;
  selected: TGraphSelection | null;
  onSelect: (s: TGraphSelection | null) => void;
  controlsRef: RefObject<TGraphControls | null>;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [cy, setCy] = useState<Core | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  /** a counter of finished layouts: the minimap redraws its picture after each */
  const [laidOut, setLaidOut] = useState(0);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });

  useEffect(() => {
    let instance: Core | null = null;
    let cancelled = false;
    loadCytoscape()
      .then((cytoscape) => {
        if (cancelled || !box.current) return;
        instance = cytoscape({
          container: box.current,
          style: graphStyle(readPalette()),
          minZoom: 0.1,
          maxZoom: 3,
          boxSelectionEnabled: false,
          selectionType: "single",
        });
        instance.on("tap", (e) => {
          const t = e.target;
          if (t === instance) onSelectRef.current(null);
          else onSelectRef.current({ group: t.isNode() ? "nodes" : "edges", id: t.id() });
        });
        // For end-to-end tests, which need an edge's position on the canvas.
        (box.current as HTMLDivElement & { __cy?: Core }).__cy = instance;
        setCy(instance);
      })
      .catch((err: unknown) => {
        if (!cancelled) setFailed(err instanceof Error ? err.message : String(err));
      });
    const theme = new MutationObserver(() => instance?.style(graphStyle(readPalette())));
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    // the details panel opens beside the canvas and narrows it: cytoscape must know its new size
    const size = new ResizeObserver(() => instance?.resize());
    if (box.current) size.observe(box.current);
    return () => {
      cancelled = true;
      theme.disconnect();
      size.disconnect();
      instance?.destroy();
    };
  }, []);

  useEffect(() => {
    if (!cy) return;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elements as ElementDefinition[]);
    });
    const run = cy.layout(LAYOUTS[layout] as unknown as LayoutOptions);
    run.one("layoutstop", () => {
      if (layout === "paths") compact(cy);
      frame(cy, layout);
      setLaidOut((n) => n + 1);
      // Lets tests and the page benchmark know the graph is drawn and usable.
      box.current?.setAttribute("data-laid-out", String(cy.nodes().length));
    });
    run.run();
  }, [cy, elements, layout]);

  useEffect(() => {
    if (!cy) return;
    cy.elements().unselect();
    if (!selected) return;
    const el = cy.getElementById(selected.id);
    el.select();
    cy.resize();
    // keep what the keyboard (or the path list) selected in view
    if (el.nonempty()) {
      const box = el.renderedBoundingBox();
      if (box.x1 < 0 || box.y1 < 0 || box.x2 > cy.width() || box.y2 > cy.height()) cy.center(el);
    }
  }, [cy, selected, elements]);

  useEffect(() => {
    if (!cy) return;
    controlsRef.current = {
      zoomBy: (factor) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
      // everything when it reads; otherwise as much as reads, and the minimap for the rest
      fit: () => {
        cy.fit(undefined, 24);
        if (cy.zoom() < LEGIBLE_ZOOM) keepLegible(cy, cy.nodes(), "paths");
      },
      png: () => cy.png({ full: true, scale: 2, bg: readPalette().surface }),
    };
    return () => {
      controlsRef.current = null;
    };
  }, [cy, controlsRef]);

  return (
    <div className="relative h-full w-full">
      <div
        ref={box}
        className="h-full w-full"
        role="application"
        aria-roledescription="attack graph"
        aria-label={`${label} Arrow keys move between vertices and edges; the panel beside it describes the selection.`}
        tabIndex={0}
        data-testid="graph-canvas"
        onKeyDown={(e) => {
          if (!cy) return;
          const next = keyboardStep(cy, selected, e.key);
          if (next === undefined) return;
          e.preventDefault();
          onSelect(next);
        }}
      />
      {cy && laidOut ? <Minimap cy={cy} version={laidOut} /> : null}
      {!cy && !failed ? <p className="absolute inset-0 grid place-items-center text-sm text-muted">Drawing the graph…</p> : null}
      {failed ? (
        <p role="alert" className="absolute inset-0 grid place-items-center px-6 text-center text-sm text-danger">
          The graph could not be drawn ({failed}). The path list below shows the same paths.
        </p>
      ) : null}
    </div>
  );
}
