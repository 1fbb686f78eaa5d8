// A compact second pass over a left-to-right layered layout (dagre's): the layers keep their
// order and dagre's order within them, but every vertex on a critical route goes to the top of
// its layer, each layer is stacked tightly from the top, and the layers stand only as far apart
// as their widest labels need. The cheapest routes to critical assets then form one band at the
// top left that a first view can frame at a legible zoom; the rest hangs below it.

export interface TLayerNode {
  id: string;
  /** centre, from the first layout */
  x: number;
  y: number;
  /** size with its label */
  w: number;
  h: number;
  /** from the top of that box to the centre (a label below the vertex makes it less than h / 2) */
  up?: number;
  critical: boolean;
  /** goes first within its group (the pod that alerted) */
  lead?: boolean;
}

export interface TLayerOptions {
  /** between the widest labels of two neighbouring layers */
  gapX: number;
  /** between two vertices of a layer */
  gapY: number;
  /** the least distance between the centres of neighbouring layers (room for an edge's label) */
  minStep?: number;
}

/**
 * New centres for the nodes. Layers are the nodes sharing an x (within half a pixel); in each,
 * critical ones come first; in each group the vertices a route goes on from come before those it
 * ends at (so multi-step routes run straight along the top), then by the mean y of the already
 * placed vertices that point to them (fewer crossings), then by their first y.
 */
export function compactLayers(
  nodes: readonly TLayerNode[],
  edges: readonly { source: string; target: string }[],
  opts: TLayerOptions,
): Map<string, { x: number; y: number }> {
  const layers: TLayerNode[][] = [];
  for (const n of [...nodes].sort((a, b) => a.x - b.x || a.y - b.y)) {
    const last = layers[layers.length - 1];
    if (last && Math.abs(last[0].x - n.x) < 0.5) last.push(n);
    else layers.push([n]);
  }
  const into = new Map<string, string[]>();
  const leaving = new Set<string>();
  for (const e of edges) {
    into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
    leaving.add(e.source);
  }
  const placed = new Map<string, { x: number; y: number }>();
  const barycentre = (n: TLayerNode) => {
    const ys = (into.get(n.id) ?? []).flatMap((s) => (placed.has(s) ? [placed.get(s)!.y] : []));
    return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.POSITIVE_INFINITY;
  };
  let x = 0;
  let prevHalf = 0;
  for (const [i, layer] of layers.entries()) {
    const half = Math.max(...layer.map((n) => n.w)) / 2;
    x = i === 0 ? half : x + Math.max(prevHalf + opts.gapX + half, opts.minStep ?? 0);
    prevHalf = half;
    const keyed = layer.map((n) => ({ n, b: barycentre(n), through: leaving.has(n.id) }));
    const order = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
      Number(b.n.critical) - Number(a.n.critical) || Number(b.n.lead ?? false) - Number(a.n.lead ?? false) || Number(b.through) - Number(a.through) || (a.b === b.b ? 0 : a.b - b.b) || a.n.y - b.n.y;
    let top = 0;
    for (const { n } of keyed.sort(order)) {
      placed.set(n.id, { x, y: top + (n.up ?? n.h / 2) });
      top += n.h + opts.gapY;
    }
  }
  return placed;
}
