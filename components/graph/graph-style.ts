// The attack graph's look, built from the page's theme colours (CSS variables) so the graph
// follows the dark and light themes. Shape tells the kind of vertex, colour and the label's
// sensitivity word tell an asset's tier, red dashes mark what this incident's alerts did.
import type { StylesheetJson } from "cytoscape";

export interface TPalette {
  bg: string;
  surface: string;
  surface2: string;
  border: string;
  fg: string;
  muted: string;
  accent: string;
  danger: string;
  critical: string;
  high: string;
  medium: string;
  low: string;
  ok: string;
}

const VARS: Record<keyof TPalette, string> = {
  bg: "--bg",
  surface: "--surface",
  surface2: "--surface-2",
  border: "--border",
  fg: "--fg",
  muted: "--muted",
  accent: "--accent",
  danger: "--danger",
  critical: "--critical",
  high: "--high",
  medium: "--medium",
  low: "--low",
  ok: "--ok",
};

export function readPalette(el: Element = document.documentElement): TPalette {
  const css = getComputedStyle(el);
  return Object.fromEntries(Object.entries(VARS).map(([k, v]) => [k, css.getPropertyValue(v).trim() || "#888888"])) as unknown as TPalette;
}

/** a blended toward b by t (0 … 1); both #rrggbb. */
function mix(a: string, b: string, t: number): string {
  const parse = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  if (!/^#[0-9a-f]{6}$/i.test(a) || !/^#[0-9a-f]{6}$/i.test(b)) return b;
  const [x, y] = [parse(a), parse(b)];
  return `#${x.map((v, i) => Math.round(v * t + y[i] * (1 - t)).toString(16).padStart(2, "0")).join("")}`;
}

/** Each vertex family's shape, and how the legend under the graph names it (tested against the stylesheet). */
export const SHAPES = [
  { family: "root", shape: "round-rectangle", legend: "rounded squares: workloads and containers" },
  { family: "asset", shape: "octagon", legend: "octagons: assets, with their sensitivity" },
  { family: "identity", shape: "ellipse", legend: "circles: identities" },
  { family: "permission", shape: "hexagon", legend: "hexagons: role bindings" },
  { family: "cloud", shape: "diamond", legend: "diamonds: cloud roles" },
] as const;
const shapeOf = (family: string) => SHAPES.find((s) => s.family === family)!.shape;

/** label sizes: at zoom 1 the smallest is 10 px, the least a label can be read at (LEGIBLE_ZOOM) */
export const NODE_FONT = 11;
export const EDGE_FONT = 10;

export function graphStyle(p: TPalette): StylesheetJson {
  const tier = (c: string) => ({ "border-color": c, "background-color": mix(c, p.surface, 0.22) });
  return [
    {
      selector: "node",
      style: {
        label: "data(display)",
        shape: shapeOf("root"),
        width: 26,
        height: 26,
        "background-color": p.surface2,
        "border-color": p.muted,
        "border-width": 1.5,
        color: p.fg,
        "font-size": NODE_FONT,
        "font-family": "ui-sans-serif, system-ui, sans-serif",
        "text-wrap": "wrap",
        "text-max-width": "150px",
        "text-valign": "bottom",
        "text-halign": "center",
        "text-margin-y": 4,
        "min-zoomed-font-size": 6,
        "line-height": 1.25,
        "text-background-color": p.surface,
        "text-background-opacity": 0.8,
        "text-background-padding": "1px",
      },
    },
    { selector: "node.root", style: { width: 34, height: 34, "border-width": 3, "border-color": p.accent, "background-color": mix(p.accent, p.surface, 0.25) } },
    { selector: "node.identity", style: { shape: shapeOf("identity") } },
    { selector: "node.permission", style: { shape: shapeOf("permission") } },
    { selector: "node.cloud", style: { shape: shapeOf("cloud"), width: 30, height: 30 } },
    // assets are octagons: at 32 px a barrel could not be told from the rounded squares of workloads
    { selector: "node.asset", style: { shape: shapeOf("asset"), width: 34, height: 34, "border-width": 3, "font-weight": "bold" } },
    { selector: "node.sens-critical", style: tier(p.critical) },
    { selector: "node.sens-high", style: tier(p.high) },
    { selector: "node.sens-medium", style: tier(p.medium) },
    { selector: "node.sens-low", style: tier(p.low) },
    // where the incident's alerts came from: a double red frame, and "ALERTED HERE" in its label
    { selector: "node.alerted", style: { "border-color": p.danger, "border-width": 4, "border-style": "double" } },
    { selector: "node.critical-route", style: { "underlay-color": p.critical, "underlay-opacity": 0.14, "underlay-padding": 5 } },
    {
      selector: "node.more",
      style: { width: "data(width)", height: 22, "border-style": "dashed", "text-valign": "center", "text-margin-y": 0, "text-background-opacity": 0, color: p.muted },
    },
    {
      selector: "edge",
      style: {
        label: "data(display)",
        width: 1.5,
        "curve-style": "bezier",
        "line-color": p.muted,
        "target-arrow-color": p.muted,
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.8,
        color: p.muted,
        "font-size": EDGE_FONT,
        "min-zoomed-font-size": 6,
        "text-rotation": "autorotate",
        "text-wrap": "wrap",
        "text-max-width": "112px",
        // parallel edges (two techniques between the same vertices) bend apart far enough that
        // their labels do not overlap
        "control-point-step-size": 64,
        "text-background-color": p.surface,
        "text-background-opacity": 0.9,
        "text-background-padding": "2px",
      },
    },
    { selector: "edge.structural", style: { "line-style": "dotted", width: 1, opacity: 0.7 } },
    { selector: "edge.critical-route", style: { width: 3, "line-color": p.critical, "target-arrow-color": p.critical, color: p.fg } },
    {
      selector: "edge.exercised",
      style: {
        width: 5,
        "line-style": "dashed",
        "line-dash-pattern": [9, 4],
        "line-color": p.danger,
        "target-arrow-color": p.danger,
        color: p.danger,
        "font-weight": "bold",
        "font-size": EDGE_FONT,
      },
    },
    // an accepted risk: still drawn, double-lined and in the accent colour, its label says until when and by whom
    { selector: "edge.accepted", style: { "line-style": "double", width: 4, "line-color": p.accent, "target-arrow-color": p.accent, color: p.accent } },
    // what the selected fixes take away: still drawn, struck through in the "fixed" colour
    {
      selector: "edge.fix-removes",
      style: { "line-style": "dashed", "line-dash-pattern": [3, 3], width: 4, "line-color": p.ok, "target-arrow-color": p.ok, color: p.ok, "font-weight": "bold" },
    },
    { selector: "node:selected", style: { "border-color": p.accent, "border-width": 4, "overlay-color": p.accent, "overlay-opacity": 0.15, "overlay-padding": 6 } },
    { selector: "edge:selected", style: { "overlay-color": p.accent, "overlay-opacity": 0.25, "overlay-padding": 5 } },
  ];
}
