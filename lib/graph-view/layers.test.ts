import { describe, expect, it } from "vitest";
import { breakable } from "./elements";
import { compactLayers, type TLayerNode } from "./layers";

const node = (id: string, x: number, y: number, critical = false, w = 100, h = 40): TLayerNode => ({ id, x, y, w, h, critical });

describe("compactLayers", () => {
  // three layers as dagre left them: wide apart, critical vertices at the bottom of their layers
  const nodes = [
    node("root", 0, 300, true),
    node("a", 400, 0),
    node("b", 400, 200),
    node("c", 400, 400, true, 150),
    node("d", 800, 100),
    node("e", 800, 500, true),
    node("f", 800, 600, true),
  ];
  const edges = [
    { source: "root", target: "a" },
    { source: "root", target: "b" },
    { source: "root", target: "c" },
    { source: "a", target: "d" },
    { source: "c", target: "f" },
    { source: "c", target: "e" },
  ];
  const at = compactLayers(nodes, edges, { gapX: 16, gapY: 10 });

  it("keeps every vertex in its layer, the layers in order and as far apart as their widest labels need", () => {
    expect(at.size).toBe(nodes.length);
    expect(at.get("a")!.x).toBe(at.get("b")!.x);
    expect(at.get("a")!.x).toBe(at.get("c")!.x);
    expect(at.get("d")!.x).toBe(at.get("e")!.x);
    // layer 0 half-width 50, layer 1 half-width 75 (c is 150 wide), layer 2 half-width 50
    expect(at.get("root")!.x).toBe(50);
    expect(at.get("a")!.x).toBe(50 + 50 + 16 + 75);
    expect(at.get("d")!.x).toBe(at.get("a")!.x + 75 + 16 + 50);
  });

  it("puts the critical vertices on top of each layer, stacked without overlap", () => {
    expect(at.get("c")!.y).toBe(20);
    expect(at.get("c")!.y).toBeLessThan(at.get("a")!.y);
    expect(at.get("c")!.y).toBeLessThan(at.get("b")!.y);
    expect(Math.min(at.get("e")!.y, at.get("f")!.y)).toBe(20);
    expect(at.get("d")!.y).toBeGreaterThan(Math.max(at.get("e")!.y, at.get("f")!.y));
    for (const layer of [["a", "b", "c"], ["d", "e", "f"]]) {
      const ys = layer.map((id) => at.get(id)!.y).sort((p, q) => p - q);
      for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(40 + 10);
    }
  });

  it("puts the vertices a route goes on from above those it ends at", () => {
    const r = compactLayers([node("r", 0, 0, true), node("end", 100, 0, true), node("via", 100, 50, true), node("far", 200, 0, true)], [
      { source: "r", target: "end" },
      { source: "r", target: "via" },
      { source: "via", target: "far" },
    ], { gapX: 10, gapY: 10 });
    expect(r.get("via")!.y).toBe(20);
    expect(r.get("end")!.y).toBeGreaterThan(r.get("via")!.y);
    expect(r.get("far")!.y).toBe(r.get("via")!.y);
  });

  it("puts a lead vertex (the pod that alerted) first in its group", () => {
    const r = compactLayers([node("r", 0, 0, true), node("p", 100, 0, true), { ...node("q", 100, 50, true), lead: true }], [
      { source: "r", target: "p" },
      { source: "r", target: "q" },
    ], { gapX: 10, gapY: 10 });
    expect(r.get("q")!.y).toBeLessThan(r.get("p")!.y);
  });

  it("orders a group by where the vertices pointing at it stand, then by the first layout", () => {
    // e and f both hang from c: their first order (e above f) decides
    expect(at.get("e")!.y).toBeLessThan(at.get("f")!.y);
    // a stands above b in the first layout and both hang from root
    expect(at.get("a")!.y).toBeLessThan(at.get("b")!.y);
    const swapped = compactLayers([node("r", 0, 0, true), node("p", 100, 0), node("q", 100, 50), node("s", 200, 0), node("t", 200, 50)], [
      { source: "r", target: "p" },
      { source: "r", target: "q" },
      { source: "q", target: "s" },
      { source: "p", target: "t" },
    ], { gapX: 10, gapY: 10 });
    // s hangs from q (lower) and t from p (upper): t goes above s although dagre had s above
    expect(swapped.get("t")!.y).toBeLessThan(swapped.get("s")!.y);
  });
});

it("stacks by the box with its label: a vertex whose label hangs below it sits near the top of its box", () => {
  const withLabel = { ...node("a", 100, 0, true, 100, 60), up: 15 };
  const r = compactLayers([node("r", 0, 0, true), withLabel, node("b", 100, 100)], [{ source: "r", target: "a" }, { source: "r", target: "b" }], { gapX: 10, gapY: 10 });
  expect(r.get("a")!.y).toBe(15);
  // b starts below a's whole box (60) and the gap
  expect(r.get("b")!.y).toBe(60 + 10 + 20);
});

it("keeps neighbouring layers at least minStep apart, for the edge labels between narrow vertices", () => {
  const r = compactLayers([node("r", 0, 0, true, 20), node("a", 100, 0, true, 20)], [{ source: "r", target: "a" }], { gapX: 10, gapY: 10, minStep: 160 });
  expect(r.get("a")!.x - r.get("r")!.x).toBe(160);
});

describe("breakable labels", () => {
  it("adds invisible break points after separators and in long runs, and changes nothing visible", () => {
    const label = "Container\nargocd-applicationset-controller\nin argocd-applicationset-controller-7d9f8b-x2k4q";
    const drawn = breakable(label);
    expect(drawn.replaceAll("\u200b", "")).toBe(label);
    expect(drawn.split("\n")[1].split("\u200b")).toEqual(["argocd-", "applicationset-", "controller"]);
    expect(breakable("EXPLOIT_CONTAINERD_SOCK")).toBe("EXPLOIT_\u200bCONTAINERD_\u200bSOCK");
    const hash = "a".repeat(40);
    expect(breakable(hash).split("\u200b").map((p) => p.length)).toEqual([18, 18, 4]);
    // nothing after a trailing separator, and spaces stay the only break in plain words
    expect(breakable("ends-")).toBe("ends-");
    expect(breakable("seen in alert")).toBe("seen in alert");
  });
});
