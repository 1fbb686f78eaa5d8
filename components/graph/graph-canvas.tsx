"use client";
// The cytoscape canvas: mounts once in the browser, redraws and re-lays out when the elements
// or the layout change, follows the theme, and reports taps on nodes and edges.
import { useEffect, useRef, useState, type RefObject } from "react";
import type { Core, ElementDefinition, LayoutOptions } from "cytoscape";
import type { TCyElement } from "@/lib/graph-view/elements";
import { graphStyle, readPalette } from "./graph-style";
import { LAYOUTS, loadCytoscape, READABLE_ZOOM, type TLayoutName } from "./load-cytoscape";

/** Whole graph when it is readable; otherwise the workload at readable zoom, paths running right. */
function frame(cy: Core, layout: TLayoutName) {
  cy.fit(undefined, 24);
  if (cy.zoom() >= READABLE_ZOOM) return;
  cy.zoom(READABLE_ZOOM);
  const origin = cy.$("node.origin");
  if (origin.empty()) return cy.center();
  const at = origin.renderedPosition();
  cy.panBy({ x: (layout === "paths" ? 60 : cy.width() / 2) - at.x, y: cy.height() / 2 - at.y });
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
    return () => {
      cancelled = true;
      theme.disconnect();
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
      frame(cy, layout);
      // Lets tests and the page benchmark know the graph is drawn and usable.
      box.current?.setAttribute("data-laid-out", String(cy.nodes().length));
    });
    run.run();
  }, [cy, elements, layout]);

  useEffect(() => {
    if (!cy) return;
    cy.elements().unselect();
    if (selected) cy.getElementById(selected.id).select();
  }, [cy, selected, elements]);

  useEffect(() => {
    if (!cy) return;
    controlsRef.current = {
      zoomBy: (factor) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }),
      fit: () => cy.fit(undefined, 24),
      png: () => cy.png({ full: true, scale: 2, bg: readPalette().surface }),
    };
    return () => {
      controlsRef.current = null;
    };
  }, [cy, controlsRef]);

  return (
    <div className="relative h-full w-full">
      <div ref={box} className="h-full w-full" role="img" aria-label={label} data-testid="graph-canvas" />
      {!cy && !failed ? <p className="absolute inset-0 grid place-items-center text-sm text-muted">Drawing the graph…</p> : null}
      {failed ? (
        <p role="alert" className="absolute inset-0 grid place-items-center px-6 text-center text-sm text-danger">
          The graph could not be drawn ({failed}). The path list below shows the same paths.
        </p>
      ) : null}
    </div>
  );
}
