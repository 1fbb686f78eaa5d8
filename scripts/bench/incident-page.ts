// `npm run bench -- incident-page [--pods 3000] [--runs 5]`: opens an incident whose workload
// has the largest attack graph of a synthetic cluster in headless Chromium, and times it from
// navigation to an interactive page with the graph laid out. Prints one JSON object.
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { generateCluster } from "./cluster-gen";
import { startBenchApp } from "./app-server";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchIncidentPage(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { pods: { type: "string" }, runs: { type: "string" } } });
  const pods = Number(values.pods ?? 3000);
  const runs = Number(values.runs ?? 5);
  const email = "bench@blastradius.dev";
  const password = "bench-password-123";
  const app = await startBenchApp(".data/bench-page", { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password });
  const auth = { authorization: `Bearer ${app.token}` };
  try {
    const cluster = `page-${pods}`;
    const up = await fetch(`${app.url}/api/v1/inventory?cluster=${cluster}`, { method: "POST", headers: auth, body: generateCluster({ pods, seed: 11 }).text });
    if (up.status !== 200) throw new Error(`inventory: HTTP ${up.status}`);
    const list = (await (await fetch(`${app.url}/api/v1/workloads?cluster=${cluster}&limit=20`, { headers: auth })).json()) as {
      items: { workload: string; namespace: string; pods: string[]; reachable: { path: { from: string; to: string }[] }[] }[];
    };
    const vertexCount = (w: (typeof list.items)[number]) => new Set(w.reachable.flatMap((r) => r.path.flatMap((s) => [s.from, s.to]))).size;
    const target = [...list.items].sort((a, b) => vertexCount(b) - vertexCount(a))[0];
    const pod = target.pods[0].split("/")[2];
    const event = {
      output: "Notice A shell was spawned in a container", priority: "Notice", rule: "Terminal shell in container", source: "syscall",
      time: new Date().toISOString(), hostname: "bench-node", tags: ["T1059"],
      output_fields: { "k8s.ns.name": target.namespace, "k8s.pod.name": pod, "proc.cmdline": "bash", "container.name": "app" },
    };
    await fetch(`${app.url}/api/v1/alerts/falco?cluster=${cluster}`, { method: "POST", headers: auth, body: JSON.stringify(event) });
    const incidents = (await (await fetch(`${app.url}/api/v1/incidents?cluster=${cluster}`, { headers: auth })).json()) as { items: { id: string }[] };
    const id = incidents.items[0].id;
    const detail = (await (await fetch(`${app.url}/api/v1/incidents/${id}`, { headers: auth })).json()) as { graph: { nodes: unknown[]; edges: unknown[] } };

    const browser = await chromium.launch({
      executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/login`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/incidents/);
    const times: number[] = [];
    let drawn = 0;
    for (let run = 0; run < runs + 1; run++) {
      const t0 = performance.now();
      await page.goto(`${app.url}/incidents/${id}`);
      drawn = Number(await page.locator("[data-laid-out]").getAttribute("data-laid-out", { timeout: 30_000 }));
      if (run > 0) times.push(performance.now() - t0); // the first visit warms the server's caches
    }
    await browser.close();
    return {
      bench: "incident-page",
      pods,
      graph: { nodes: detail.graph.nodes.length, edges: detail.graph.edges.length, drawnVertices: drawn },
      interactiveMs: times.map(Math.round),
      medianMs: Math.round(median(times)),
    };
  } finally {
    await app.stop();
  }
}
