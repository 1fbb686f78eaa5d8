// POST /api/v1/inventory/changes on a real PostgreSQL: watch events become a new current
// snapshot, equal to what a full upload of the same objects gives; bad objects are refused by
// index and lose nothing; alerts from a pod added live land on its workload.
import { describe, expect, it } from "vitest";
import * as inventory from "../app/api/v1/inventory/route";
import * as changesRoute from "../app/api/v1/inventory/changes/route";
import * as workloadsRoute from "../app/api/v1/workloads/route";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";
import { parseInventory } from "../lib/inventory/parse-inventory";
import { recomputeLive } from "../lib/ingest/live-inventory";
import { stopAnalysisWorker } from "../lib/workers/inventory-analysis";
import { prepareSnapshot } from "../lib/snapshots/prepare-snapshot";
import { storeRescored } from "../lib/ingest/ingest-inventory";

const admin = async () => (await makeToken("admin")).secret;

async function upload(token: string, cluster: string, text: string) {
  const type = text.trimStart().startsWith("{") ? "application/json" : "application/yaml";
  const res = await inventory.POST(apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token, rawBody: text, headers: { "content-type": type } }), noParams);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function send(token: string, cluster: string, changes: unknown[], wait = true) {
  return changesRoute.POST(apiRequest(`/api/v1/inventory/changes?cluster=${cluster}${wait ? "&wait=1" : ""}`, { method: "POST", token, body: { changes } }), noParams);
}

async function scores(token: string, cluster: string) {
  const body = await (await workloadsRoute.GET(apiRequest(`/api/v1/workloads?cluster=${cluster}&limit=200`, { token }), noParams)).json();
  return Object.fromEntries(body.items.map((w: { workload: string; score: number; pods: string[]; reachable: { asset: string; cost: number }[] }) => [w.workload, { score: w.score, pods: w.pods, reachable: w.reachable.map((r) => `${r.asset}@${r.cost}`) }]));
}

const newReplica = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "api-7d9f-live1", namespace: "shop", ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "api-7d9f", controller: true }] },
  spec: { nodeName: "node-a", serviceAccountName: "api", containers: [{ name: "api", image: "shop/api:1" }] },
};
const bindDefault = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name: "web-reads-secrets", namespace: "shop" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "read-secrets" },
  subjects: [{ kind: "ServiceAccount", name: "default", namespace: "web" }],
};

const staticWebWithToken = { apiVersion: "v1", kind: "Pod", metadata: { name: "static-web", namespace: "web" }, spec: { nodeName: "node-a", containers: [{ name: "web", image: "nginx:1.27" }] } };

/** The current snapshot's pod index and controllers, comparable across clusters. */
async function indexRows(cluster: string) {
  const { currentSnapshotId } = await db().cluster.findUniqueOrThrow({ where: { name: cluster } });
  const snapshotId = currentSnapshotId!;
  const pods = await db().snapshotPod.findMany({ where: { snapshotId }, orderBy: [{ namespace: "asc" }, { name: "asc" }], omit: { snapshotId: true } });
  const controllers = await db().snapshotController.findMany({ where: { snapshotId }, orderBy: [{ namespace: "asc" }, { kind: "asc" }, { name: "asc" }], omit: { snapshotId: true } });
  expect(pods.length).toBeGreaterThan(0);
  return { pods, controllers };
}

const auditsOf = (cluster: string) => db().auditLog.findMany({ where: { action: "inventory.live_update", targetId: cluster }, orderBy: { id: "asc" } });
const audits3 = (audits: { details: unknown }[]) => audits.slice(0, 3).map((a) => (a.details as { snapshotId: string }).snapshotId);

describe("live inventory changes", () => {
  it("applies watch events to the current inventory: the same blast radius as a full upload of the result", async () => {
    const token = await admin();
    await upload(token, "live-1", SHOP_YAML("live-team-1"));
    const res = await send(token, "live-1", [
      { type: "ADDED", object: newReplica },
      { type: "DELETED", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "api-7d9f-x1", namespace: "shop" } } },
      { type: "ADDED", object: bindDefault },
      { type: "MODIFIED", object: staticWebWithToken },
    ]);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: 4, rejected: [], ignored: {} });
    expect(body.snapshotId).toBeTruthy();

    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "live-1" } });
    expect(cluster.currentSnapshotId).toBe(body.snapshotId);
    const snapshot = await db().inventorySnapshot.findUniqueOrThrow({ where: { id: body.snapshotId } });
    expect(snapshot.live).toBe(true);
    expect(String(snapshot.throughSeq)).toBe(body.throughSeq);

    // the same final objects uploaded whole, to another cluster
    const objects = [...parseInventory([{ name: "shop", text: SHOP_YAML("live-team-1") }]).documents.values()] as { kind: string; metadata: { name: string } }[];
    const final = JSON.stringify({
      apiVersion: "v1",
      kind: "List",
      items: [
        ...objects.filter((o) => !(o.kind === "Pod" && o.metadata.name === "api-7d9f-x1")).map((o) => (o.kind === "Pod" && o.metadata.name === "static-web" ? staticWebWithToken : o)),
        newReplica,
        bindDefault,
      ],
    });
    await upload(token, "live-1-full", final);
    const [live, full] = [await scores(token, "live-1"), await scores(token, "live-1-full")];
    expect(Object.keys(live).length).toBeGreaterThan(0);
    expect(live).toEqual(full);
    // the deleted pod is gone and the new one is listed; static-web now mounts the web default token, which reads shop's secret
    expect(live["Deployment/shop/api"].pods).toEqual(["Pod/shop/api-7d9f-live1"]);
    expect(live["Pod/web/static-web"].reachable).toContain("Secret/shop/db-password@2");

    // audited as a live update
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "inventory.live_update", targetId: "live-1" } });
    expect(audit.details).toMatchObject({ snapshotId: body.snapshotId, changes: 4 });
  });

  it("the worker keeps the documents of the upload and between runs, and is sent them again only when it lacks the base", async () => {
    const token = await admin();
    await upload(token, "live-6", SHOP_YAML("live-team-6"));
    const replica = (name: string) => ({ ...newReplica, metadata: { ...newReplica.metadata, name } });
    expect((await send(token, "live-6", [{ type: "ADDED", object: replica("api-7d9f-h1") }])).status).toBe(200);
    expect((await send(token, "live-6", [{ type: "ADDED", object: bindDefault }, { type: "MODIFIED", object: staticWebWithToken }])).status).toBe(200);
    expect((await send(token, "live-6", [{ type: "DELETED", object: { apiVersion: "v1", kind: "Pod", metadata: { name: "api-7d9f-x1", namespace: "shop" } } }])).status).toBe(200);
    // between compactions a live snapshot stores no documents, only its source base: the upload
    const stored = await db().inventorySnapshot.findMany({ where: { id: { in: audits3(await auditsOf("live-6")) } }, select: { id: true, source: true, sourceBaseId: true } });
    const uploaded = (await db().auditLog.findFirstOrThrow({ where: { action: "inventory.upload", targetId: "live-6" } })).details as { snapshotId: string };
    expect(stored.map((x) => [x.source, x.sourceBaseId])).toEqual([[null, uploaded.snapshotId], [null, uploaded.snapshotId], [null, uploaded.snapshotId]]);
    // the held documents give what a full upload of the same objects gives
    const objects = [...parseInventory([{ name: "shop", text: SHOP_YAML("live-team-6") }]).documents.values()] as { kind: string; metadata: { name: string } }[];
    const items = objects.filter((o) => !(o.kind === "Pod" && o.metadata.name === "api-7d9f-x1")).map((o) => (o.kind === "Pod" && o.metadata.name === "static-web" ? staticWebWithToken : o));
    await upload(token, "live-6-full", JSON.stringify({ apiVersion: "v1", kind: "List", items: [...items, replica("api-7d9f-h1"), bindDefault] }));
    expect(await scores(token, "live-6")).toEqual(await scores(token, "live-6-full"));
    // and the pod index and controllers, copied from the previous snapshot but what changed, are the full upload's
    expect(await indexRows("live-6")).toEqual(await indexRows("live-6-full"));
    // a restarted worker rebuilds them from the source base and the changes since: the same result
    const before = await scores(token, "live-6");
    await stopAnalysisWorker();
    expect((await send(token, "live-6", [{ type: "MODIFIED", object: bindDefault }])).status).toBe(200);
    expect(await scores(token, "live-6")).toEqual(before);
    // a full upload of the original objects: the worker holds its documents, so the next run is sent only its change
    await upload(token, "live-6", SHOP_YAML("live-team-6"));
    // the same objects again: every search is the last analysis's (the first upload had none to reuse)
    await upload(token, "live-6", SHOP_YAML("live-team-6"));
    const uploads = await db().auditLog.findMany({ where: { action: "inventory.upload", targetId: "live-6" }, orderBy: { id: "asc" } });
    const searched = uploads.map((u) => (u.details as { searches: { reused: number; searched: number } }).searches);
    expect(searched[0]).toEqual({ ...searched[0], reused: 0 });
    expect(searched[2]).toEqual({ ...searched[2], reused: searched[0].searched, searched: 0 });
    expect((await send(token, "live-6", [{ type: "ADDED", object: replica("api-7d9f-h2") }])).status).toBe(200);
    expect((await scores(token, "live-6"))["Deployment/shop/api"].pods).toEqual(["Pod/shop/api-7d9f-h2", "Pod/shop/api-7d9f-x1"]);
    // another snapshot made current behind the worker's back (another replica's upload, analysed in this process)
    const other = await prepareSnapshot({ name: "shop", text: SHOP_YAML("live-team-6") }, "live-6", { maxEdges: 100_000, maxVertices: 100_000 });
    await storeRescored({ cluster: "live-6", uploadedBy: "replica 2", ...other }, "system", null, () => ({ action: "inventory.upload", details: {} }));
    expect((await send(token, "live-6", [{ type: "ADDED", object: replica("api-7d9f-h3") }])).status).toBe(200);
    const audits = await auditsOf("live-6");
    expect(audits.map((a) => (a.details as { documents: string }).documents)).toEqual(["held", "held", "held", "sent", "held", "sent"]);
    // a run on held documents writes only the workload rows that changed (the others are copied):
    // adding an api pod, or deleting one, rewrites the api workload alone; runs on sent documents write every row
    // PostgreSQL copied the base's rows while the worker ran: timed in every run that had a base
    expect(audits.map((a) => typeof (a.details as { ms: { copy: unknown } }).ms.copy)).toEqual(Array(6).fill("number"));
    const written = audits.map((a) => a.details as { workloads: number; workloadRowsWritten: number });
    for (const i of [0, 2, 4]) expect(written[i]).toEqual({ ...written[i], workloads: 2, workloadRowsWritten: 1 });
    for (const i of [3, 5]) expect(written[i].workloadRowsWritten).toBeGreaterThanOrEqual(written[i].workloads);
    // blast-radius searches: a run reuses the previous graph's answers nothing changed under (the
    // upload's too); the first run after a restart has none to reuse
    const searches = audits.map((a) => (a.details as { searches: { reused: number; searched: number } }).searches);
    for (const i of [0, 2, 4]) expect(searches[i].reused).toBeGreaterThan(0);
    expect(searches[3]).toEqual({ ...searches[3], reused: 0 });
    expect(searches[3].searched).toBeGreaterThan(0);
    // the run after the other replica's snapshot started from its documents, not the ones the worker held
    expect((await scores(token, "live-6"))["Deployment/shop/api"].pods).toEqual(["Pod/shop/api-7d9f-h3", "Pod/shop/api-7d9f-x1"]);
  });

  it("rows copied from the previous snapshot follow a team deleted since: the Team document names it again, as a full upload does", async () => {
    const token = await admin();
    await upload(token, "live-7", SHOP_YAML("live-team-7"));
    // live runs on the documents the worker held since the upload copy the unchanged rows
    expect((await send(token, "live-7", [{ type: "MODIFIED", object: staticWebWithToken }])).status).toBe(200);
    const before = await db().team.findUniqueOrThrow({ where: { name: "live-team-7" } });
    await db().team.delete({ where: { id: before.id } });
    // a change that leaves the shop api workload's row as it was (copied)
    expect((await send(token, "live-7", [{ type: "ADDED", object: bindDefault }])).status).toBe(200);
    const [audit] = await auditsOf("live-7").then((all) => all.slice(-1));
    expect((audit.details as { documents: string; workloadRowsWritten: number; workloads: number }).documents).toBe("held");
    // the api row is copied: what the run writes is the web namespace's (static-web and its stand-in)
    expect((audit.details as { workloadRowsWritten: number }).workloadRowsWritten).toBe(2);
    const again = await db().team.findUniqueOrThrow({ where: { name: "live-team-7" } });
    expect(again.id).not.toBe(before.id);
    const { currentSnapshotId } = await db().cluster.findUniqueOrThrow({ where: { name: "live-7" } });
    const api = await db().workload.findFirstOrThrow({ where: { snapshotId: currentSnapshotId!, key: "Deployment/shop/api" } });
    expect(api).toMatchObject({ inventoryTeamId: again.id, teamId: again.id, inventoryTeamSource: "team_namespace", teamSource: "team_namespace" });
  });

  it("an alert from a pod added live lands on its workload by the pod itself", async () => {
    const token = await admin();
    await upload(token, "live-2", SHOP_YAML("live-team-2"));
    expect((await send(token, "live-2", [{ type: "ADDED", object: { ...newReplica, metadata: { ...newReplica.metadata, name: "oddly-named-replica" } } }])).status).toBe(200);
    const event = makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.UTC(2026, 10, 30, 9, 0)), hostname: "live-2-node", namespace: "shop", pod: "oddly-named-replica", container: "api", image: "shop/api:1" });
    const res = await alertsRoute.POST(apiRequest("/api/v1/alerts/falco?cluster=live-2", { method: "POST", token, rawBody: JSON.stringify(event) }), params({ source: "falco" }));
    expect(res.status).toBe(202);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "live-2" } });
    const incident = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    expect(incident).toMatchObject({ workloadKey: "Deployment/shop/api", resolvedBy: "pod", notInInventory: false });
    expect(incident.score).toBeGreaterThan(0);
  });

  it("refuses bad objects by index, keeps the rest, and answers 202 at once without wait", async () => {
    const token = await admin();
    await upload(token, "live-3", SHOP_YAML("live-team-3"));
    const res = await send(
      token,
      "live-3",
      [
        { type: "ADDED", object: { apiVersion: "v1", kind: "Pod", metadata: { namespace: "shop" }, spec: { containers: [] } } },
        { type: "ADDED", object: { ...newReplica, metadata: { ...newReplica.metadata, name: "api-7d9f-live3" } } },
        { type: "ADDED", object: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } } },
      ],
      false,
    );
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ index: 0 });
    expect(body.rejected[0].error).toMatch(/metadata\.name/);
    expect(body.ignored).toEqual({ Widget: 1 });
    await recomputeLive("live-3");
    expect((await scores(token, "live-3"))["Deployment/shop/api"].pods).toContain("Pod/shop/api-7d9f-live3");
    // a body that is not a list of changes
    const bad = await changesRoute.POST(apiRequest("/api/v1/inventory/changes?cluster=live-3", { method: "POST", token, body: { changes: [{ type: "RENAMED", object: {} }] } }), noParams);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/body\.changes\.0\.type: Invalid option/);
  });

  it("coalesces batches that arrive while one is applied, and a full upload supersedes earlier changes", async () => {
    const token = await admin();
    await upload(token, "live-4", SHOP_YAML("live-team-4"));
    const batches = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send(token, "live-4", [{ type: "ADDED", object: { ...newReplica, metadata: { ...newReplica.metadata, name: `api-7d9f-c${i}` } } }], false)),
    );
    for (const r of batches) expect(r.status).toBe(202);
    await recomputeLive("live-4");
    const pods = (await scores(token, "live-4"))["Deployment/shop/api"].pods;
    for (let i = 0; i < 6; i++) expect(pods).toContain(`Pod/shop/api-7d9f-c${i}`);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "live-4" } });
    const snapshots = await db().inventorySnapshot.count({ where: { clusterId: cluster.id, live: true } });
    expect(snapshots).toBeLessThan(6);
    // a full list replaces the state: the changes before it are not applied again
    await upload(token, "live-4", SHOP_YAML("live-team-4"));
    expect(await recomputeLive("live-4")).toBeNull();
    expect((await scores(token, "live-4"))["Deployment/shop/api"].pods).toEqual(["Pod/shop/api-7d9f-x1"]);
  });

  it("refuses changes on top of an inventory stored before live inventories (409), and scoped tokens outside their clusters (403)", async () => {
    const token = await admin();
    await upload(token, "live-5", SHOP_YAML("live-team-5"));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "live-5" } });
    await db().inventorySnapshot.update({ where: { id: cluster.currentSnapshotId! }, data: { source: null } });
    const res = await send(token, "live-5", [{ type: "ADDED", object: newReplica }]);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/post a full inventory first/);
    expect(await db().inventoryChange.count({ where: { clusterId: cluster.id } })).toBe(0);
    const row = await makeToken("ingest");
    await db().apiToken.update({ where: { id: row.row.id }, data: { clusters: ["elsewhere"], kinds: ["inventory"] } });
    const scoped = row.secret;
    expect((await send(scoped, "live-5", [{ type: "ADDED", object: newReplica }])).status).toBe(403);
    const analyst = (await makeToken("analyst")).secret;
    expect((await send(analyst, "live-5", [{ type: "ADDED", object: newReplica }])).status).toBe(403);
  });
});
