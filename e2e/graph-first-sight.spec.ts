// The graph at first sight, measured: on the demo's largest incident and on a 1,200-pod, 150-node synthetic
// cluster's most dangerous workload, once drawn, every label reads (zoom × font ≥ 10 px), the
// workload and every vertex on its cheapest routes to critical assets are in view, at most 150
// vertices are drawn, a minimap shows where the rest is when something is out of view, and medium
// and low assets wait in groups that open in place.
import { expect, test, type Page } from "@playwright/test";
import { generateCluster } from "../scripts/bench/cluster-gen";
import { ADMIN_AUTH, login, USERS } from "./helpers";

type TMeasure = {
  zoom: number;
  minLabelPx: number;
  nodes: number;
  critical: number;
  criticalOutside: string[];
  originInView: boolean;
  /** labelled edges that share both ends with another labelled edge, and those whose labels overlap */
  parallel: number;
  parallelOverlaps: string[];
};

async function measure(page: Page): Promise<TMeasure> {
  const canvas = page.getByTestId("graph-canvas");
  await expect(canvas).toHaveAttribute("data-laid-out", /\d+/);
  return canvas.evaluate((el) => {
    type TEle = { id(): string; style(k: string): string; renderedBoundingBox(o: object): { x1: number; y1: number; x2: number; y2: number }; data(k: string): unknown };
    const cy = (el as unknown as { __cy: { zoom(): number; width(): number; height(): number; elements(): { toArray(): TEle[] }; nodes(s?: string): { toArray(): TEle[]; length: number } } }).__cy;
    const zoom = cy.zoom();
    const labelled = cy.elements().toArray().filter((e) => String(e.data("label") ?? "") !== "");
    const minLabelPx = Math.min(...labelled.map((e) => parseFloat(e.style("font-size")) * zoom));
    const critical = cy.nodes(".critical-route").toArray();
    const criticalOutside = critical
      .filter((n) => {
        const b = n.renderedBoundingBox({ includeLabels: false });
        return b.x1 < 0 || b.y1 < 0 || b.x2 > cy.width() || b.y2 > cy.height();
      })
      .map((n) => n.id());
    const origin = cy.nodes(".origin").toArray()[0];
    const ob = origin.renderedBoundingBox({ includeLabels: false });
    const originInView = ob.x1 >= 0 && ob.y1 >= 0 && ob.x2 <= cy.width() && ob.y2 <= cy.height();
    type TEdge = TEle & { source(): TEle; target(): TEle };
    const between = new Map<string, TEdge[]>();
    for (const e of (cy as unknown as { edges(): { toArray(): TEdge[] } }).edges().toArray()) {
      if (String(e.data("label") ?? "") === "") continue;
      const key = [e.source().id(), e.target().id()].sort().join(" ~ ");
      between.set(key, [...(between.get(key) ?? []), e]);
    }
    let parallel = 0;
    const parallelOverlaps: string[] = [];
    for (const list of between.values()) {
      if (list.length < 2) continue;
      parallel += list.length;
      const boxes = list.map((e) => e.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) parallelOverlaps.push(`${list[i].id()} / ${list[j].id()}`);
        }
    }
    return { zoom, minLabelPx, nodes: cy.nodes().length, critical: critical.length, criticalOutside, originInView, parallel, parallelOverlaps };
  });
}

test("the demo's largest incident graph reads at first sight", async ({ page, request }) => {
  const list = await (await request.get("/api/v1/incidents?cluster=demo-prod&limit=50", { headers: ADMIN_AUTH })).json();
  let largest = { id: "", nodes: 0 };
  for (const item of list.items as { id: string }[]) {
    const detail = await (await request.get(`/api/v1/incidents/${item.id}`, { headers: ADMIN_AUTH })).json();
    if (detail.graph.nodes.length > largest.nodes) largest = { id: item.id, nodes: detail.graph.nodes.length };
  }
  expect(largest.nodes).toBeGreaterThan(20);
  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${largest.id}`);
  const m = await measure(page);
  expect(m.minLabelPx).toBeGreaterThanOrEqual(10);
  expect(m.critical).toBeGreaterThan(0);
  expect(m.originInView).toBe(true);
  expect(m.nodes).toBeLessThanOrEqual(150);
  expect(m.criticalOutside).toEqual([]);
  expect(m.parallelOverlaps).toEqual([]);
  console.log(`graph first sight: ${m.nodes} vertices drawn, zoom ${m.zoom.toFixed(2)}, smallest label ${m.minLabelPx.toFixed(1)} px, critical-route vertices outside the view: ${m.criticalOutside.length} of ${m.critical}, parallel labelled edges ${m.parallel} (overlapping labels: ${m.parallelOverlaps.length})`);
  if (m.criticalOutside.length) await expect(page.getByTestId("graph-minimap")).toBeVisible();
  const graph = page.getByRole("region", { name: "Attack graph" });
  await graph.scrollIntoViewIfNeeded();
  await graph.screenshot({ path: "test-results/screens/graph-first-sight.png" });
  // a tier group opens in place, and Fit never goes below the legible zoom
  const groups = await page.getByTestId("graph-canvas").evaluate((el) => (el as unknown as { __cy: { nodes(s: string): { length: number } } }).__cy.nodes('[id ^= "tier:"]').length);
  if (groups > 0) {
    await graph.getByRole("button", { name: "open all" }).click();
    await expect(graph.getByRole("button", { name: "open all" })).toHaveCount(0);
    const opened = await measure(page);
    expect(opened.nodes).toBeGreaterThan(m.nodes);
  }
  await graph.getByRole("button", { name: "Fit" }).click();
  expect((await measure(page)).minLabelPx).toBeGreaterThanOrEqual(10);
});

test("a large synthetic incident: labels legible, the workload in view, a minimap, at most 150 vertices", async ({ page, request }) => {
  const cluster = "e2e-synthetic";
  const inv = generateCluster({ pods: 1200, podsPerNode: 8, seed: 21 });
  expect((await request.post(`/api/v1/inventory?cluster=${cluster}`, { headers: ADMIN_AUTH, data: inv.text })).status()).toBe(200);
  const top = (await (await request.get(`/api/v1/workloads?cluster=${cluster}&limit=1`, { headers: ADMIN_AUTH })).json()).items[0];
  const pod = (top.pods[0] as string).split("/");
  const sent = await request.post(`/api/v1/alerts/falco?cluster=${cluster}`, {
    headers: ADMIN_AUTH,
    data: [{ output: "shell", priority: "Warning", rule: "Terminal shell in container", time: new Date().toISOString(), source: "syscall", hostname: "synthetic", output_fields: { "k8s.ns.name": pod[1], "k8s.pod.name": pod[2], "proc.name": "bash", "proc.cmdline": "bash" } }],
  });
  expect(sent.status()).toBe(202);
  const incident = (await (await request.get(`/api/v1/incidents?cluster=${cluster}&limit=1`, { headers: ADMIN_AUTH })).json()).items[0];
  const detail = await (await request.get(`/api/v1/incidents/${incident.id}`, { headers: ADMIN_AUTH })).json();
  console.log(`synthetic incident graph: ${detail.graph.nodes.length} vertices`);
  expect(detail.graph.nodes.length).toBeGreaterThanOrEqual(450);
  await login(page, USERS.analyst);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${incident.id}`);
  const m = await measure(page);
  expect(m.minLabelPx).toBeGreaterThanOrEqual(10);
  expect(m.originInView).toBe(true);
  expect(m.nodes).toBeLessThanOrEqual(150);
  expect(m.critical).toBeGreaterThan(0);
  expect(m.criticalOutside).toEqual([]);
  expect(m.parallelOverlaps).toEqual([]);
  console.log(`graph first sight: ${m.nodes} vertices drawn, zoom ${m.zoom.toFixed(2)}, smallest label ${m.minLabelPx.toFixed(1)} px, critical-route vertices outside the view: ${m.criticalOutside.length} of ${m.critical}, parallel labelled edges ${m.parallel} (overlapping labels: ${m.parallelOverlaps.length})`);
  if (m.criticalOutside.length) await expect(page.getByTestId("graph-minimap")).toBeVisible();
  await page.getByRole("region", { name: "Attack graph" }).screenshot({ path: "test-results/screens/graph-synthetic.png" });
});
