import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The CLI twin of the graph engine, run as `npm run radius` runs it (tsx), on real fixtures.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const radius = (...args: string[]) => spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/radius.ts", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

describe("npm run radius", () => {
  it("prints the blast radius of every workload, in order, with exactly the documented fields", () => {
    const run = radius(`${FIXTURES}inventory/kube-prometheus`, `${FIXTURES}kubernetes-goat/scenarios/system-monitor/deployment.yaml`);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Array.isArray(out)).toBe(true);
    expect(out.length).toBe(7);
    for (const element of out) {
      expect(Object.keys(element)).toEqual(["workload", "pods", "score", "reachable"]);
      for (const asset of element.reachable) {
        expect(Object.keys(asset)).toEqual(["asset", "type", "sensitivity", "cost", "path"]);
        for (const step of asset.path) expect(Object.keys(step)).toEqual(["from", "edge", "to"]);
      }
    }
    expect(out.map((e: { score: number }) => e.score)).toEqual([...out.map((e: { score: number }) => e.score)].sort((a, b) => b - a));
    expect(out[0].workload).toBe("Deployment/monitoring/prometheus-operator");
    expect(out[0].reachable[0]).toMatchObject({ asset: "ControlPlane/cli", type: "control-plane", sensitivity: "critical", cost: 2 });
  });

  it("--edges prints one {from, edge, to} JSON line per edge; --cluster names the control plane", () => {
    const run = radius("--edges", "--cluster", "prod", `${FIXTURES}inventory/argocd-install-no-crds.yaml`);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) expect(Object.keys(line)).toEqual(["from", "edge", "to"]);
    expect(lines.some((l) => l.edge === "CLUSTER_ADMIN" && l.to === "ControlPlane/prod")).toBe(true);
  });

  it("exits 2 on a bad file, naming the file, the document index and the field", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "radius-"));
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec: {hostPID: \"yes please\"}\n");
    const run = radius(`${FIXTURES}badpods/priv-exec-pod.yaml`, bad);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(bad);
    expect(run.stderr).toMatch(/document 1/);
    expect(run.stderr).toContain("spec.hostPID");
  });

  it("exits 2 on a missing file and without arguments", () => {
    expect(radius("/nonexistent/inventory.yaml").status).toBe(2);
    const bare = radius();
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain("usage:");
  });
});
