// The collector's --watch mode against a local HTTP server that speaks the Kubernetes list/watch
// protocol (chunked newline-delimited events, bookmarks, 410 for an expired resourceVersion), with
// the real @kubernetes/client-node reading the kubeconfig.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { collectInventory } from "./collect-inventory";
import { METADATA_ONLY_WATCH_ACCEPT, watchInventory, type TWatchChange } from "./watch-inventory";
import { METADATA_ONLY_ACCEPT } from "./resources";
import { writeTestKubeconfig } from "./test-kubeconfig";

const TOKEN = "watch-test-token";
const pod = (name: string, rv: string, image = "app:1") => ({ metadata: { name, namespace: "shop", uid: `uid-${name}`, resourceVersion: rv, managedFields: [{ manager: "kubelet" }] }, spec: { nodeName: "node-a", containers: [{ name: "c", image }] } });

// what the "cluster" holds, and how each watch request is answered, in order
let pods = [pod("api-1", "90")];
let podsListVersion = "100";
const watchRequests: { path: string; rv: string | null; accept: string; fieldSelector: string | null }[] = [];
let podWatchCount = 0;
const open: http.ServerResponse[] = [];
let server: http.Server;
let dir: string;
let kubeconfig: string;

function event(res: http.ServerResponse, type: string, object: unknown) {
  res.write(`${JSON.stringify({ type, object })}\n`);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    // the collector hangs up when it stops
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    const url = new URL(req.url!, "http://x");
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end("{}");
    const watching = url.searchParams.get("watch") === "true";
    if (!watching) {
      // lists
      if (url.pathname === "/api/v1/pods") return void res.end(JSON.stringify({ items: pods, metadata: { resourceVersion: podsListVersion } }));
      if (url.pathname === "/api/v1/secrets") {
        if (req.headers.accept !== METADATA_ONLY_ACCEPT) return void res.writeHead(406).end("{}");
        return void res.end(JSON.stringify({ items: [], metadata: { resourceVersion: "50" } }));
      }
      return void res.end(JSON.stringify({ items: [], metadata: { resourceVersion: "10" } }));
    }
    watchRequests.push({ path: url.pathname, rv: url.searchParams.get("resourceVersion"), accept: String(req.headers.accept), fieldSelector: url.searchParams.get("fieldSelector") });
    if (url.searchParams.get("allowWatchBookmarks") !== "true") return void res.writeHead(400).end("{}");
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    if (url.pathname === "/api/v1/pods") {
      podWatchCount++;
      if (podWatchCount === 1) {
        // a new pod, a change, a bookmark; then the server ends the stream (its timeout)
        setTimeout(() => event(res, "ADDED", pod("api-2", "101")), 20);
        setTimeout(() => event(res, "MODIFIED", pod("api-1", "103", "app:2")), 40);
        setTimeout(() => event(res, "BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "105" } }), 60);
        setTimeout(() => res.end(), 80);
        return;
      }
      if (podWatchCount === 2) {
        // the resourceVersion has expired meanwhile: the collector must list again
        pods = [pod("api-1", "103", "app:2"), pod("api-3", "200")];
        podsListVersion = "200";
        setTimeout(() => (event(res, "ERROR", { kind: "Status", apiVersion: "v1", status: "Failure", reason: "Expired", code: 410 }), res.end()), 20);
        return;
      }
      // from the fresh list on: one deletion, then the stream stays open
      setTimeout(() => event(res, "DELETED", pod("api-3", "201")), 20);
      open.push(res);
      return;
    }
    if (url.pathname === "/api/v1/secrets") {
      if (req.headers.accept !== METADATA_ONLY_WATCH_ACCEPT) return void res.end(`${JSON.stringify({ type: "ERROR", object: { code: 406 } })}\n`);
      const token = url.searchParams.get("fieldSelector") === "type=kubernetes.io/service-account-token";
      const meta = (name: string, uid: string) => ({
        kind: "PartialObjectMetadata",
        apiVersion: "meta.k8s.io/v1",
        metadata: { name, namespace: "shop", uid, resourceVersion: "51", annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"data":{"password":"aHVudGVyMg=="}}' } },
      });
      if (token) setTimeout(() => event(res, "ADDED", meta("builder-token", "t1")), 30);
      else setTimeout(() => event(res, "ADDED", meta("db-password", "s1")), 10);
      open.push(res);
      return;
    }
    // every other kind: a bookmark now and then, no change
    setTimeout(() => event(res, "BOOKMARK", { metadata: { resourceVersion: "11" } }), 10);
    open.push(res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  dir = mkdtempSync(path.join(tmpdir(), "br-watch-"));
  kubeconfig = writeTestKubeconfig(dir, port, TOKEN);
});

afterAll(() => {
  for (const res of open) res.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("collector --watch", () => {
  it("streams changes from each kind's list version, resumes from bookmarks, lists again on 410, and never sends Secret values", async () => {
    const start = await collectInventory({ kubeconfig, context: "kind-test" });
    expect(start.resourceVersions).toMatchObject({ Pod: "100", Secret: "50", Node: "10" });
    const batches: TWatchChange[][] = [];
    const controller = new AbortController();
    let failOnce = true;
    const done = watchInventory({
      kubeconfig,
      context: "kind-test",
      start,
      signal: controller.signal,
      flushMs: 50,
      maxBatch: 3,
      send: async (changes) => {
        // the first delivery fails: the batch is kept and sent again, in order
        if (failOnce) {
          failOnce = false;
          throw new Error("HTTP 503");
        }
        batches.push(changes);
      },
    });
    const sent = () => batches.flat().filter((c) => c.object.kind === "Pod").map((c) => `${c.type} ${(c.object.metadata as { name: string }).name}`);
    const deadline = Date.now() + 15_000;
    while (!sent().includes("DELETED api-3") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await done;

    // after the 410: what the fresh list adds, then what it no longer has
    expect(sent()).toEqual(["ADDED api-2", "MODIFIED api-1", "ADDED api-3", "DELETED api-2", "DELETED api-3"]);
    expect(batches.every((b) => b.length <= 3)).toBe(true);
    // the first watch from the list's version, the next from the bookmark's, then from the fresh list's
    const podWatches = watchRequests.filter((w) => w.path === "/api/v1/pods").map((w) => w.rv);
    expect(podWatches.slice(0, 3)).toEqual(["100", "105", "200"]);
    expect(watchRequests.filter((w) => w.path === "/api/v1/nodes")[0].rv).toBe("10");
    // objects go out as kubectl would print them, without managedFields
    const modified = batches.flat().find((c) => c.type === "MODIFIED" && c.object.kind === "Pod")!.object;
    expect(modified).toMatchObject({ apiVersion: "v1", kind: "Pod", spec: { containers: [{ image: "app:2" }] } });
    expect(JSON.stringify(batches)).not.toContain("managedFields");
    // Secrets: watched as metadata only; no value, no last-applied manifest; tokens marked
    const secretWatches = watchRequests.filter((w) => w.path === "/api/v1/secrets");
    expect(secretWatches.length).toBe(2);
    expect(secretWatches.every((w) => w.accept === METADATA_ONLY_WATCH_ACCEPT)).toBe(true);
    const secrets = batches.flat().filter((c) => c.object.kind === "Secret");
    expect(secrets.map((s) => (s.object.metadata as { name: string }).name).sort()).toEqual(["builder-token", "db-password"]);
    expect(secrets.find((s) => (s.object.metadata as { name: string }).name === "builder-token")!.object.type).toBe("kubernetes.io/service-account-token");
    expect(JSON.stringify(batches)).not.toContain("aHVudGVyMg");
    expect(JSON.stringify(batches)).not.toContain("last-applied-configuration");
    // bookmarks are positions, not changes
    expect(batches.flat().some((c) => c.object.kind === "Node")).toBe(false);
  }, 30_000);
});
