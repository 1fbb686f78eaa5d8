// Inventory uploads under hostile or crowded conditions: analysis off the request thread with a
// memory cap, graph-size and YAML limits (413 naming the limit), a bounded queue (503), racing
// uploads for one cluster, and one transaction for snapshot, re-scoring and audit.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeToken, noParams } from "./fixtures";
import { postShopShell, SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";
import { offThreadAnalyses } from "../lib/workers/inventory-analysis";
import { generateCluster } from "../scripts/bench/cluster-gen";

let admin: string;
beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
});

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["INVENTORY_MAX_EDGES", "INVENTORY_MAX_VERTICES", "INVENTORY_ANALYSIS_MEMORY_MB", "INVENTORY_YAML_MAX_BYTES"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
});

function setEnv(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvCache();
}

function upload(cluster: string, body: string, type = "application/yaml") {
  return inventory.POST(apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token: admin, rawBody: body, headers: { "content-type": type } }), noParams);
}

async function currentSnapshot(cluster: string): Promise<string | null> {
  return (await db().cluster.findUnique({ where: { name: cluster } }))?.currentSnapshotId ?? null;
}

async function openShopIncident(cluster: string) {
  const res = await postShopShell(cluster, admin, { hostname: "node-a" });
  expect(res.status).toBe(202);
  const c = await db().cluster.findUniqueOrThrow({ where: { name: cluster } });
  return db().incident.findFirstOrThrow({ where: { clusterId: c.id, workloadKey: "Deployment/shop/api" } });
}

describe("inventory analysis off the request thread", () => {
  it("runs on the analysis worker", async () => {
    const before = offThreadAnalyses();
    expect((await upload("hard-worker", SHOP_YAML("hw"))).status).toBe(200);
    expect(offThreadAnalyses()).toBe(before + 1);
  });

  it("refuses a graph over INVENTORY_MAX_EDGES with 413 naming the limit, keeping the previous snapshot", async () => {
    expect((await upload("hard-edges", SHOP_YAML("he"))).status).toBe(200);
    const before = await currentSnapshot("hard-edges");
    setEnv({ INVENTORY_MAX_EDGES: "5" });
    const res = await upload("hard-edges", SHOP_YAML("he"));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/the attack graph has \d+ edges, over the limit of 5 \(INVENTORY_MAX_EDGES\)/);
    expect(await currentSnapshot("hard-edges")).toBe(before);
  });

  it("refuses an upload whose analysis needs more than INVENTORY_ANALYSIS_MEMORY_MB (413), and the next upload still works", async () => {
    setEnv({ INVENTORY_ANALYSIS_MEMORY_MB: "64" });
    const items = Array.from({ length: 300_000 }, (_, i) => `{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa-${i}","namespace":"ns-${i % 50}"}}`);
    const text = `{"apiVersion":"v1","kind":"List","items":[${items.join(",")}]}`;
    const res = await upload("hard-memory", text, "application/json");
    expect(res.status, await res.clone().text()).toBe(413);
    expect((await res.json()).error.message).toMatch(/more than 64 MB \(INVENTORY_ANALYSIS_MEMORY_MB\)/);
    expect(await currentSnapshot("hard-memory")).toBeNull();
    setEnv({ INVENTORY_ANALYSIS_MEMORY_MB: "2048" });
    expect((await upload("hard-memory", SHOP_YAML("hm"))).status).toBe(200);
  }, 60_000);

  it("limits YAML bodies to INVENTORY_YAML_MAX_BYTES (413 naming it) while JSON of the same size passes", async () => {
    setEnv({ INVENTORY_YAML_MAX_BYTES: "2048" });
    const yaml = SHOP_YAML("hy") + `\n# ${"padding ".repeat(300)}\n`;
    const res = await upload("hard-yaml", yaml);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/YAML inventories are limited to 2048 bytes \(INVENTORY_YAML_MAX_BYTES\)/);
    const json = JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "Node", metadata: { name: "n", labels: { pad: "x".repeat(60) } } }], pad: "x".repeat(3000) });
    expect((await upload("hard-yaml", json, "application/json")).status).toBe(200);
  });

  it("analyzes one upload at a time; a few wait, the rest get 503 with Retry-After", async () => {
    const { text } = generateCluster({ pods: 400 });
    const responses = await Promise.all(Array.from({ length: 7 }, (_, i) => upload(`hard-queue-${i}`, text, "application/json")));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503]);
    const busy = responses.find((r) => r.status === 503)!;
    expect(busy.headers.get("retry-after")).toBe("15");
  }, 60_000);
});

describe("one transaction per upload, under the cluster lock", () => {
  async function holdClusterLock(cluster: string) {
    const session = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await session.connect();
    await session.query("BEGIN");
    await session.query(`SELECT id FROM clusters WHERE name = $1 FOR UPDATE`, [cluster]);
    return session;
  }
  async function waitForBlocked(session: pg.Client, n: number) {
    for (let i = 0; i < 400; i++) {
      await session.query(`SELECT pg_stat_clear_snapshot()`); // activity is otherwise read once per transaction
      const res = await session.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
      if (res.rows[0].n >= n) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    const seen = await session.query(`SELECT pid, state, wait_event_type, wait_event, left(query, 60) AS q, pg_blocking_pids(pid) AS by FROM pg_stat_activity WHERE datname = current_database()`);
    throw new Error(`never saw ${n} blocked uploads: ${JSON.stringify(seen.rows)}`);
  }

  it("racing uploads leave the open incidents scored and owned by the snapshot that ends current", async () => {
    const cluster = "hard-race";
    expect((await upload(cluster, SHOP_YAML("race-first"))).status).toBe(200);
    const incident = await openShopIncident(cluster);
    // second upload: the shop namespace moves to another team, and the secret becomes low-value
    const later = SHOP_YAML("race-second").replace("blastradius.dev/sensitivity: critical", "blastradius.dev/sensitivity: low");
    const session = await holdClusterLock(cluster);
    try {
      const first = upload(cluster, SHOP_YAML("race-third"));
      await waitForBlocked(session, 1);
      const second = upload(cluster, later);
      await waitForBlocked(session, 2);
      await session.query("COMMIT");
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const snapshotB = (await b.json()).snapshotId;
      expect(await currentSnapshot(cluster)).toBe(snapshotB); // waiters got the lock in order
    } finally {
      await session.end();
    }
    const current = (await currentSnapshot(cluster))!;
    const w = await db().workload.findFirstOrThrow({ where: { snapshotId: current, key: "Deployment/shop/api" } });
    const after = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.teamId).toBe(w.teamId);
    expect((await db().team.findUniqueOrThrow({ where: { id: after.teamId! } })).name).toBe("race-second");
    expect((after.scoreBreakdown as { blastRadius?: number }).blastRadius ?? after.score).not.toBe(incident.score);
    expect(after.score).toBeLessThan(incident.score);
  }, 60_000);

  it("a failure after the snapshot is written (here: the audit entry) leaves the previous snapshot current and the incidents as they were", async () => {
    const cluster = "hard-atomic";
    expect((await upload(cluster, SHOP_YAML("atomic-a"))).status).toBe(200);
    const incident = await openShopIncident(cluster);
    const before = await currentSnapshot(cluster);
    const snapshots = await db().inventorySnapshot.count();
    await db().$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION fail_hard_atomic() RETURNS trigger AS $$
      BEGIN IF NEW."targetId" = 'hard-atomic' AND NEW.action = 'inventory.upload' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER fail_hard_atomic BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_hard_atomic()`);
    try {
      const later = SHOP_YAML("atomic-b").replace("blastradius.dev/sensitivity: critical", "blastradius.dev/sensitivity: low");
      const res = await upload(cluster, later);
      expect(res.status).toBe(500);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER fail_hard_atomic ON audit_log`);
    }
    expect(await currentSnapshot(cluster)).toBe(before);
    expect(await db().inventorySnapshot.count()).toBe(snapshots);
    const after = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect({ score: after.score, teamId: after.teamId }).toEqual({ score: incident.score, teamId: incident.teamId });
  });
});

describe("snapshot retention", () => {
  it("keeps the snapshot an open incident shows as at its first alert, whatever INVENTORY_KEEP_SNAPSHOTS says, until it closes", async () => {
    const cluster = "keep-open";
    process.env.INVENTORY_KEEP_SNAPSHOTS = "1";
    resetEnvCache();
    try {
      expect((await upload(cluster, SHOP_YAML("keep-a"))).status).toBe(200);
      const first = (await currentSnapshot(cluster))!;
      const incident = await openShopIncident(cluster);
      expect(incident.snapshotAtFirstAlert).toBe(first);
      expect((await upload(cluster, SHOP_YAML("keep-b"))).status).toBe(200);
      expect((await upload(cluster, SHOP_YAML("keep-c"))).status).toBe(200);
      const ids = async () => (await db().inventorySnapshot.findMany({ where: { cluster: { name: cluster } }, select: { id: true } })).map((s) => s.id);
      expect(await ids()).toContain(first); // kept for the open incident
      expect(await ids()).toHaveLength(2); // the current one and that one
      await db().incident.update({ where: { id: incident.id }, data: { status: "resolved", resolvedAt: new Date() } });
      expect((await upload(cluster, SHOP_YAML("keep-d"))).status).toBe(200);
      expect(await ids()).not.toContain(first);
      expect(await ids()).toHaveLength(1);
    } finally {
      delete process.env.INVENTORY_KEEP_SNAPSHOTS;
      resetEnvCache();
    }
  });
});
