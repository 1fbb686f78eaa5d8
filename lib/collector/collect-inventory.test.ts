// The collector against a local HTTP server that answers the Kubernetes API paths with
// KubeHound's collector test data (a real kind cluster's lists).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectInventory } from "./collect-inventory";
import { METADATA_ONLY_ACCEPT } from "./resources";
import { writeTestKubeconfig } from "./test-kubeconfig";

const FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/kubehound/collector_testdata");
const load = (rel: string) => JSON.parse(readFileSync(path.join(FIXTURES, rel), "utf8")).items as Record<string, unknown>[];
const both = (file: string) => [...load(`namespace-1/${file}`), ...load(`namespace-2/${file}`)];

const DATA: Record<string, Record<string, unknown>[]> = {
  "/api/v1/nodes": load("nodes.json"),
  "/api/v1/pods": both("pods.json"),
  "/apis/rbac.authorization.k8s.io/v1/roles": both("roles.rbac.authorization.k8s.io.json"),
  "/apis/rbac.authorization.k8s.io/v1/rolebindings": both("rolebindings.rbac.authorization.k8s.io.json"),
  "/apis/rbac.authorization.k8s.io/v1/clusterroles": load("clusterroles.rbac.authorization.k8s.io.json"),
  "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings": load("clusterrolebindings.rbac.authorization.k8s.io.json"),
  "/apis/discovery.k8s.io/v1/endpointslices": both("endpointslices.discovery.k8s.io.json"),
  "/api/v1/secrets": [
    {
      metadata: {
        name: "db-password",
        namespace: "test-app",
        uid: "s1",
        labels: { "blastradius.dev/sensitivity": "critical" },
        annotations: {
          "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"v1","data":{"password":"aHVudGVyMg=="},"kind":"Secret"}',
          "owner": "payments",
        },
        managedFields: [{ manager: "kubectl-client-side-apply", fieldsV1: { "f:data": { "f:password": {} } } }],
      },
      type: "Opaque",
      data: { password: "aHVudGVyMg==" },
    },
    { metadata: { name: "app-token", namespace: "test-app", uid: "s2" }, type: "kubernetes.io/service-account-token", data: { token: "ZXlK" } },
  ],
};
const TOKEN = "collector-test-token";
const requests: { path: string; accept: string; auth: string }[] = [];
let server: http.Server;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    requests.push({ path: url.pathname, accept: String(req.headers.accept), auth: String(req.headers.authorization) });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end("{}");
    let items = DATA[url.pathname] ?? [];
    if (url.pathname === "/api/v1/secrets") {
      // A collector that asks for whole Secrets gets nothing: values must never leave the cluster.
      if (req.headers.accept !== METADATA_ONLY_ACCEPT) return void res.writeHead(406).end("{}");
      const selector = url.searchParams.get("fieldSelector");
      items = items
        .filter((s) => !selector || `type=${s.type}` === selector)
        .map((s) => ({ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: s.metadata }));
    }
    const limit = Number(url.searchParams.get("limit") ?? 500);
    const offset = Number(url.searchParams.get("continue") ?? 0);
    const page = items.slice(offset, offset + limit);
    const next = offset + limit < items.length ? String(offset + limit) : undefined;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: page, metadata: { continue: next } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  dir = mkdtempSync(path.join(tmpdir(), "br-collect-"));
  kubeconfig = writeTestKubeconfig(dir, port, TOKEN, "other");
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("collectInventory", () => {
  it("lists every kind through the chosen context, following pagination, as a kubectl-style List", async () => {
    const { list, counts } = await collectInventory({ kubeconfig, context: "kind-test", pageSize: 1 });
    expect(list.kind).toBe("List");
    expect(counts.Pod).toBe(DATA["/api/v1/pods"].length);
    expect(counts.Node).toBe(DATA["/api/v1/nodes"].length);
    expect(counts.ClusterRole).toBe(DATA["/apis/rbac.authorization.k8s.io/v1/clusterroles"].length);
    expect(counts.Deployment).toBe(0);
    const pods = list.items.filter((i) => i.kind === "Pod");
    expect(pods).toHaveLength(counts.Pod);
    expect(pods.every((p) => p.apiVersion === "v1")).toBe(true);
    expect(requests.filter((r) => r.path === "/api/v1/pods").length).toBeGreaterThan(1);
    expect(requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("reads Secrets as metadata only and marks service-account tokens", async () => {
    const { list } = await collectInventory({ kubeconfig, context: "kind-test" });
    const secrets = list.items.filter((i) => i.kind === "Secret");
    expect(secrets).toHaveLength(2);
    expect(JSON.stringify(secrets)).not.toContain("aHVudGVyMg");
    expect(secrets.find((s) => (s.metadata as { name: string }).name === "app-token")!.type).toBe("kubernetes.io/service-account-token");
    const db = secrets.find((s) => (s.metadata as { name: string }).name === "db-password")!;
    expect(db.type).toBeUndefined();
    // last-applied-configuration carries the applied manifest, values included; managedFields name them
    expect(JSON.stringify(list)).not.toContain("last-applied-configuration");
    expect(JSON.stringify(list)).not.toContain("managedFields");
    expect(db.metadata).toMatchObject({ labels: { "blastradius.dev/sensitivity": "critical" }, annotations: { owner: "payments" } });
  });

  it("names the failing path when the API refuses", async () => {
    await expect(collectInventory({ kubeconfig, context: "kind-test" }).then(() => null)).resolves.toBeNull();
    const bad = path.join(dir, "bad-config");
    writeFileSync(bad, readFileSync(kubeconfig, "utf8").replace(TOKEN, "wrong"));
    await expect(collectInventory({ kubeconfig: bad, context: "kind-test" })).rejects.toThrow(/\/api\/v1\/namespaces: HTTP 401/);
  });
});

describe("npm run collect --out", () => {
  it("writes the inventory readable by its owner only (0600)", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const { statSync } = await import("node:fs");
    const out = path.join(dir, "inventory.json");
    writeFileSync(out, "old", { mode: 0o644 }); // an existing, world-readable file is tightened too
    const root = path.resolve(__dirname, "../..");
    await promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/collect.ts"), "--kubeconfig", kubeconfig, "--context", "kind-test", "--out", out], { timeout: 60_000 });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const list = JSON.parse(readFileSync(out, "utf8"));
    expect(list.kind).toBe("List");
    expect(readFileSync(out, "utf8")).not.toContain("aHVudGVyMg");
  }, 60_000);
});
