"use client";
// Orientation when the graph is larger than the canvas at a legible zoom: a picture of the whole
// graph with the visible part outlined; a click there moves the view. Shown only when something
// is out of view.
import { useMemo, useSyncExternalStore } from "react";
import type { Core } from "cytoscape";
import { readPalette } from "./graph-style";

const W = 168;
const H = 104;

interface TShape {
  img: string;
  /** the whole graph's model box */
  bb: { x1: number; y1: number; w: number; h: number };
  scale: number;
}

export function Minimap({ cy, version }: { cy: Core; version: number }) {
  // the picture, once per layout: cytoscape draws the whole graph off screen at the minimap's scale
  const shape = useMemo<TShape | null>(() => {
    void version;
    const bb = cy.elements().boundingBox();
    if (!bb.w || !bb.h) return null;
    const scale = Math.min(W / bb.w, H / bb.h);
    const img = cy.png({ full: true, scale: Math.max(scale, 0.05), bg: readPalette().surface });
    return { img, bb: { x1: bb.x1, y1: bb.y1, w: bb.w, h: bb.h }, scale };
  }, [cy, version]);
  // the part in view, kept in step with pans and zooms
  const extent = useSyncExternalStore(
    (onChange) => {
      cy.on("viewport resize", onChange);
      return () => {
        cy.off("viewport resize", onChange);
      };
    },
    () => {
      const e = cy.extent();
      return `${e.x1} ${e.y1} ${e.w} ${e.h}`;
    },
    () => "",
  );
  const [x1, y1, w, h] = extent.split(" ").map(Number);
  const view = extent ? { x1, y1, w, h } : null;

  if (!shape || !view) return null;
  const { bb, scale } = shape;
  const inView = view.x1 <= bb.x1 && view.y1 <= bb.y1 && view.x1 + view.w >= bb.x1 + bb.w && view.y1 + view.h >= bb.y1 + bb.h;
  if (inView) return null;
  const rect = {
    left: Math.max(0, (view.x1 - bb.x1) * scale),
    top: Math.max(0, (view.y1 - bb.y1) * scale),
    right: Math.min(bb.w * scale, (view.x1 + view.w - bb.x1) * scale),
    bottom: Math.min(bb.h * scale, (view.y1 + view.h - bb.y1) * scale),
  };
  return (
    <div
      className="absolute bottom-2 right-2 overflow-hidden rounded border border-border bg-surface shadow"
      style={{ width: bb.w * scale, height: bb.h * scale }}
      data-testid="graph-minimap"
      role="button"
      tabIndex={-1}
      aria-label="Minimap: the whole graph, the part in view outlined; click to move there"
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const x = bb.x1 + (e.clientX - box.left) / scale;
        const y = bb.y1 + (e.clientY - box.top) / scale;
        const z = cy.zoom();
        cy.pan({ x: cy.width() / 2 - x * z, y: cy.height() / 2 - y * z });
      }}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL cytoscape draws, not an asset */}
      <img src={shape.img} alt="" className="h-full w-full opacity-80" draggable={false} />
      <div
        aria-hidden
        className="pointer-events-none absolute border-2 border-accent bg-accent/10"
        style={{ left: rect.left, top: rect.top, width: Math.max(4, rect.right - rect.left), height: Math.max(4, rect.bottom - rect.top) }}
      />
    </div>
  );
}
