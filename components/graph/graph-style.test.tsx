import { describe, expect, it } from "vitest";
import { nodeFamily } from "@/lib/graph-view/elements";
import { graphStyle, SHAPES, type TPalette } from "./graph-style";

const palette = Object.fromEntries(["bg", "surface", "surface2", "border", "fg", "muted", "accent", "danger", "critical", "high", "medium", "low", "ok"].map((k) => [k, "#808080"])) as unknown as TPalette;

describe("the graph's legend", () => {
  it("names the shape the stylesheet draws for each family of vertex", () => {
    const style = graphStyle(palette) as { selector: string; style: Record<string, unknown> }[];
    const shapeFor = (family: string) => {
      const own = style.find((r) => r.selector === `node.${family}` && r.style.shape !== undefined);
      return own?.style.shape ?? style.find((r) => r.selector === "node")!.style.shape;
    };
    for (const s of SHAPES) expect(shapeFor(s.family), s.family).toBe(s.shape);
    const plural: Record<string, string> = { "round-rectangle": "rounded squares", octagon: "octagons", ellipse: "circles", hexagon: "hexagons", diamond: "diamonds" };
    for (const s of SHAPES) expect(s.legend.startsWith(`${plural[s.shape]}:`), s.legend).toBe(true);
    // every family a vertex can have is in the legend or drawn as the default rounded square
    const families = ["Deployment", "Pod", "Container", "ServiceAccount", "PermissionSet", "CloudRole", "Secret"].map((kind) => nodeFamily({ kind, asset: kind === "Secret" ? { sensitivity: "high", type: "secret" } : null }, false));
    for (const f of families) expect(SHAPES.some((s) => s.family === f) || shapeFor(f) === shapeFor("root"), f).toBe(true);
  });
});
