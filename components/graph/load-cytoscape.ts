// Cytoscape and its layouts, loaded in the browser only (they touch `window` on import) and
// registered once per page.
import type cytoscape from "cytoscape";

let loading: Promise<typeof cytoscape> | null = null;

export function loadCytoscape(): Promise<typeof cytoscape> {
  loading ??= Promise.all([import("cytoscape"), import("cytoscape-dagre"), import("cytoscape-fcose")]).then(([core, dagre, fcose]) => {
    core.default.use(dagre.default);
    core.default.use(fcose.default);
    return core.default;
  });
  return loading;
}

export const LAYOUTS = {
  paths: { name: "dagre", rankDir: "LR", nodeSep: 10, rankSep: 90, edgeSep: 8, padding: 24, fit: false, animate: false, nodeDimensionsIncludeLabels: true },
  neighbourhood: {
    name: "fcose",
    quality: "default",
    randomize: true,
    animate: false,
    nodeRepulsion: 9000,
    idealEdgeLength: 140,
    padding: 24,
    fit: false,
    nodeDimensionsIncludeLabels: true,
  },
} as const;

export type TLayoutName = keyof typeof LAYOUTS;

/**
 * The least zoom at which every label reads: zoom × the smallest label font (10 px, graph-style.ts)
 * ≥ 10 px. Framing and Fit never go below it; they pan instead (the minimap shows where).
 */
export const LEGIBLE_ZOOM = 1;
/** no closer than this on a small graph */
export const MAX_FRAME_ZOOM = 1.6;
