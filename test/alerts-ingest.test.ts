// POST /api/v1/alerts/{falco,tetragon} on a real PostgreSQL: every fixture event, replays,
// per-item rejection, correlation into incidents scored by blast radius.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import pg from "pg";
import { db } from "../lib/db/client";
import { mergeIncidentRows } from "../lib/db/merge-incidents";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

const FIX = path.resolve(__dirname, "../../shared/fixtures");
let ingest: string;
let admin: string;

beforeAll(async () => {
  ingest = (await makeToken("ingest")).secret;
  admin = (await makeToken("admin")).secret;
});

function post(source: "falco" | "tetragon", cluster: string, body: string, opts: { token?: string; type?: string } = {}) {
  return alertsRoute.POST(
    apiRequest(`/api/v1/alerts/${source}?cluster=${cluster}`, {
      method: "POST",
      token: opts.token ?? ingest,
      rawBody: body,
      headers: { "content-type": opts.type ?? "application/json" },
    }),
    params({ source }),
  );
}

/** Uploads a YAML inventory as the admin; answers the upload's summary. */
async function uploadYaml(cluster: string, yaml: string) {
  const res = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${cluster}`, { method: "POST", token: admin, rawBody: yaml, headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const uploadShop = (cluster: string, team: string) => uploadYaml(cluster, SHOP_YAML(team));

const shopEvent = (minute: number, rule = "Terminal shell in container", pod = "api-7d9f-x1", ns = "shop", fields: Record<string, string> = {}) =>
  makeFalcoEvent(falcoRule(rule), {
    time: new Date(Date.UTC(2026, 10, 20, 10, minute)),
    hostname: "node-a",
    namespace: ns,
    pod,
    container: "api",
    image: "shop/api:1",
    fields: { "proc.cmdline": `bash -c step-${minute}`, ...fields },
  });

/** Takes the ingest locks of these workloads in a separate session; returns a function that releases them. */
async function holdWorkloadLocks(clusterName: string, workloadKeys: string[]): Promise<() => Promise<void>> {
  // the cluster row must exist for its id to be part of the lock keys
  await post("falco", clusterName, JSON.stringify(shopEvent(59, "Terminal shell in container", "warmup", "warmup")));
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: clusterName } });
  const session = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await session.connect();
  await session.query("BEGIN");
  await session.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k`, [workloadKeys.map((k) => `${cluster.id}|${k}`)]);
  return async () => {
    await session.query("COMMIT");
    await session.end();
  };
}

/** Waits until `n` sessions are blocked on a lock. */
async function waitForBlocked(n: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { waiting } = (await db().$queryRaw<{ waiting: bigint }[]>`SELECT count(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)[0];
    if (Number(waiting) >= n) return;
    if (Date.now() > deadline) throw new Error(`only ${waiting} of ${n} sessions blocked`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every alert of the cluster sits in an incident of its workload, and the incidents count exactly their alerts. */
async function expectConsistent(clusterName: string, alerts: number, workloads: number) {
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: clusterName } });
  const stored = await db().alert.findMany({ where: { clusterId: cluster.id, namespace: { not: "warmup" } }, select: { incidentId: true, workloadKey: true } });
  expect(stored.length).toBe(alerts);
  const incidents = await db().incident.findMany({ where: { clusterId: cluster.id, namespace: { not: "warmup" } } });
  expect(incidents.length).toBe(workloads);
  expect(new Set(incidents.map((i) => i.workloadKey)).size).toBe(workloads);
  const byId = new Map(incidents.map((i) => [i.id, i]));
  for (const a of stored) expect(byId.get(a.incidentId ?? "")?.workloadKey).toBe(a.workloadKey);
  for (const i of incidents) expect(i.alertCount).toBe(stored.filter((a) => a.incidentId === i.id).length);
}

describe("Falco ingest", () => {
  it("accepts every real Falco event in the fixtures, as an array and as NDJSON", async () => {
    // The .json file wraps each event with its source line; the .jsonl has the events alone.
    const events = (JSON.parse(readFileSync(path.join(FIX, "falco/alerts/falco_website_examples.json"), "utf8")) as { event: unknown }[]).map((e) => e.event);
    const res = await post("falco", "fixtures", JSON.stringify(events));
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.rejected).toEqual([]);
    expect(body.accepted + body.duplicates).toBe(events.length);
    const ndjson = readFileSync(path.join(FIX, "falco/alerts/falco_website_examples.jsonl"), "utf8");
    const again = await (await post("falco", "fixtures", ndjson, { type: "application/x-ndjson" })).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: events.length, rejected: [] });
  });

  it("stores a replayed batch once: 1,000 events posted 3 times give 1,000 alerts", async () => {
    const rule = falcoRule("Read sensitive file untrusted");
    const batch = Array.from({ length: 1000 }, (_, i) =>
      makeFalcoEvent(rule, { time: new Date(Date.UTC(2026, 10, 21, 0, 0, 0, i)), hostname: "node-r", namespace: "replay", pod: `p-${i % 7}` }),
    );
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await (await post("falco", "replay", JSON.stringify(batch))).json());
    expect(results.map((r) => r.accepted)).toEqual([1000, 0, 0]);
    expect(results.map((r) => r.duplicates)).toEqual([0, 1000, 1000]);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "replay" } });
    expect(await db().alert.count({ where: { clusterId: cluster.id } })).toBe(1000);
  });

  // The races are made certain, not left to timing: a separate session holds the workload locks
  // until all four batches have stored their alerts (or wait on each other's) and queue for them.
  it("stores and counts a batch once when the same batch arrives 4 times at once", async () => {
    const rule = falcoRule("Read sensitive file untrusted");
    const batch = Array.from({ length: 600 }, (_, i) =>
      makeFalcoEvent(rule, { time: new Date(Date.UTC(2026, 10, 23, 0, 0, 0, i)), hostname: "node-c", namespace: "burst", pod: `p-${i % 5}` }),
    );
    const body = JSON.stringify(batch);
    const release = await holdWorkloadLocks("concurrent-replay", ["Pod/burst/p-0", "Pod/burst/p-1", "Pod/burst/p-2", "Pod/burst/p-3", "Pod/burst/p-4"]);
    const pending = Array.from({ length: 4 }, async () => (await post("falco", "concurrent-replay", body)).json());
    // one batch stored its rows and waits for the locks; three wait on its rows
    await waitForBlocked(4);
    await release();
    const results = await Promise.all(pending);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(600);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(1800);
    await expectConsistent("concurrent-replay", 600, 5);
  });

  it("agrees on one incident per workload when different batches on new workloads arrive at once", async () => {
    const rule = falcoRule("Terminal shell in container");
    const bodies = Array.from({ length: 4 }, (_, b) =>
      JSON.stringify(
        Array.from({ length: 150 }, (_, i) =>
          makeFalcoEvent(rule, { time: new Date(Date.UTC(2026, 10, 23, 1, 0, b, i)), hostname: "node-d", namespace: "race", pod: `q-${i % 3}` }),
        ),
      ),
    );
    const release = await holdWorkloadLocks("concurrent-new", ["Pod/race/q-0", "Pod/race/q-1", "Pod/race/q-2"]);
    // each batch planned its own new incidents before any existed
    const pending = bodies.map(async (body) => (await post("falco", "concurrent-new", body)).json());
    await waitForBlocked(4);
    await release();
    const results = await Promise.all(pending);
    expect(results.map((r) => r.accepted)).toEqual([150, 150, 150, 150]);
    await expectConsistent("concurrent-new", 600, 3);
  });

  it("makes a merge wait for the workload locks ingest holds while it places alerts", async () => {
    await post("falco", "merge-lock", JSON.stringify([
        shopEvent(20, "Terminal shell in container", "m-1", "mns", { "proc.cmdline": "merge-lock-1" }),
        shopEvent(21, "Terminal shell in container", "m-2", "mns", { "proc.cmdline": "merge-lock-2" }),
      ]));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "merge-lock" } });
    const [a, b] = await db().incident.findMany({ where: { clusterId: cluster.id, namespace: "mns" }, orderBy: { workloadKey: "asc" } });
    const release = await holdWorkloadLocks("merge-lock", [b.workloadKey]);
    let merged = false;
    const merging = mergeIncidentRows(a.id, b.id).then((r) => ((merged = true), r));
    await waitForBlocked(1);
    expect(merged).toBe(false);
    await release();
    expect(await merging).toEqual({ movedAlerts: 1 });
    expect(await db().alert.count({ where: { incidentId: a.id } })).toBe(2);
  });

  it("stores every field exactly: text with tabs, newlines, quotes and non-ASCII, arrays, times, integers", async () => {
    const tricky = 'a\tb\\c "q" {x,y} \\N \n\r end — ünïcødé 🐚';
    const ev = {
      ...shopEvent(7, "Terminal shell in container", "escape-pod", "misc", { "proc.cmdline": tricky, "proc.pid": "4242" }),
      tags: ['t"1', "t\\2", "{t,3}", "NULL", "T1059"],
    };
    expect((await (await post("falco", "escaping", JSON.stringify(ev))).json()).accepted).toBe(1);
    const stored = await db().alert.findFirstOrThrow({ where: { pod: "escape-pod" } });
    expect(stored.procCmdline).toBe(tricky);
    expect(stored.time.toISOString()).toBe(new Date(Date.UTC(2026, 10, 20, 10, 7)).toISOString());
    expect(stored.procPid).toBe(4242);
    expect(stored.peerPort).toBeNull();
    expect(stored.activity).toBe(false);
    expect(stored.mitreTechniques).toEqual(["T1059"]);
    expect(stored.capabilities).toEqual([]);
    expect(stored.evidence).toEqual([]);
    expect(stored.tags).toEqual(['t"1', "t\\2", "{t,3}", "NULL", "T1059"]);
    expect((stored.raw as { output_fields: Record<string, unknown> }).output_fields["proc.cmdline"]).toBe(tricky);
  });

  it("rejects bad items by index with a reason and keeps the rest", async () => {
    const good = shopEvent(1, "Terminal shell in container", "pod-z", "misc");
    const body = JSON.stringify([good, { rule: "x" }, 42, { ...good, time: "yesterday", output: "other" }]);
    const res = await (await post("falco", "mixed", body)).json();
    expect(res.accepted).toBe(1);
    expect(res.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 3]);
    for (const r of res.rejected) expect(r.error.length).toBeGreaterThan(5);
  });

  it("answers 400 to an unparseable body, 401 without a token, 403 for a role without ingest rights", async () => {
    expect((await post("falco", "x", "{not json")).status).toBe(400);
    const anon = await alertsRoute.POST(apiRequest("/api/v1/alerts/falco?cluster=x", { method: "POST", rawBody: "{}" }), params({ source: "falco" }));
    expect(anon.status).toBe(401);
    const analyst = (await makeToken("analyst")).secret;
    expect((await post("falco", "x", JSON.stringify(shopEvent(1)), { token: analyst })).status).toBe(403);
  });

  it("masks secret-looking values before storage", async () => {
    const ev = shopEvent(2, "Terminal shell in container", "masked-pod", "misc", { "proc.cmdline": "mysql -u root --password hunter2secret -h db" });
    await post("falco", "masking", JSON.stringify(ev));
    const stored = await db().alert.findFirstOrThrow({ where: { pod: "masked-pod" } });
    expect(stored.procCmdline).not.toContain("hunter2secret");
    expect(JSON.stringify(stored.raw)).not.toContain("hunter2secret");
    expect(stored.output).not.toContain("hunter2secret");
  });
});

describe("correlation and scoring", () => {
  it("joins alerts on one workload within 30 minutes, opens a new incident after a longer gap, and scores by blast radius", async () => {
    await uploadShop("corr", "corr-team");
    const body = JSON.stringify([shopEvent(0), shopEvent(20), shopEvent(45), shopEvent(120)]);
    expect((await (await post("falco", "corr", body)).json()).accepted).toBe(4);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "corr" } });
    const incidents = await db().incident.findMany({ where: { clusterId: cluster.id }, orderBy: { firstSeen: "asc" } });
    expect(incidents.map((i) => [i.workloadKey, i.alertCount])).toEqual([
      ["Deployment/shop/api", 3],
      ["Deployment/shop/api", 1],
    ]);
    const workload = await db().workload.findFirstOrThrow({ where: { snapshotId: cluster.currentSnapshotId!, key: "Deployment/shop/api" } });
    expect(workload.score).toBeGreaterThan(0);
    // "Terminal shell in container" is a notice: factor 0.4
    expect(incidents[0].score).toBeCloseTo(workload.score * 0.4, 1);
    expect(incidents[0].scoreBreakdown).toMatchObject({ blastRadius: workload.score, severityFactor: 0.4, evidenceBoost: 1 });
    const team = await db().team.findUniqueOrThrow({ where: { name: "corr-team" } });
    expect(incidents[0].teamId).toBe(team.id);
  });

  it("opens a new incident for alerts after the workload's incident was resolved, and files them there", async () => {
    await post("falco", "after-resolve", JSON.stringify([shopEvent(10, "Terminal shell in container", "res-pod", "misc")]));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "after-resolve" } });
    const first = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    await db().incident.update({ where: { id: first.id }, data: { status: "resolved", resolvedAt: new Date() } });
    // within the correlation window of the resolved incident's last alert
    const second = await post("falco", "after-resolve", JSON.stringify([shopEvent(12, "Terminal shell in container", "res-pod", "misc")]));
    expect(await second.json()).toMatchObject({ accepted: 1 });
    const incidents = await db().incident.findMany({ where: { clusterId: cluster.id }, orderBy: { firstSeen: "asc" } });
    expect(incidents.map((i) => [i.status, i.alertCount])).toEqual([
      ["resolved", 1],
      ["new", 1],
    ]);
    const later = await db().alert.findFirstOrThrow({ where: { clusterId: cluster.id, time: new Date(Date.UTC(2026, 10, 20, 10, 12)) } });
    expect(later.incidentId).toBe(incidents[1].id);
  });

  it("boosts the score when an alert shows a step of the workload's path, and links the alert to that edge", async () => {
    await uploadShop("evidence", "ev-team");
    const ev = shopEvent(5, "Read sensitive file untrusted", "api-7d9f-x1", "shop", {
      "fd.name": "/var/run/secrets/kubernetes.io/serviceaccount/token",
      "proc.cmdline": "cat /var/run/secrets/kubernetes.io/serviceaccount/token",
    });
    await post("falco", "evidence", JSON.stringify(ev));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "evidence" } });
    const incident = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    expect(incident.scoreBreakdown).toMatchObject({ evidenceBoost: 1.5 });
    const alert = await db().alert.findFirstOrThrow({ where: { incidentId: incident.id } });
    const evidence = alert.evidence as { edge: string; step: { from: string; edge: string } | null }[];
    expect(evidence.some((e) => e.edge === "IDENTITY_ASSUME" && e.step?.from === "Container/shop/api-7d9f-x1/api")).toBe(true);
  });

  it("scores an unknown pod at zero, then re-resolves it when a newer inventory knows it", async () => {
    await post("falco", "late", JSON.stringify(shopEvent(3)));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "late" } });
    const before = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    expect(before).toMatchObject({ workloadKey: "Pod/shop/api-7d9f-x1", notInInventory: true, score: 0 });
    await uploadShop("late", "late-team");
    const after = await db().incident.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ workloadKey: "Deployment/shop/api", notInInventory: false });
    expect(after.score).toBeGreaterThan(0);
  });

  it("an inventory that changes nothing for an open incident leaves its row alone; one that changes its blast radius re-scores it", async () => {
    await uploadShop("steady", "steady-team");
    await post("falco", "steady", JSON.stringify(shopEvent(5)));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "steady" } });
    const before = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    const terms = async () => db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM incident_terms WHERE "incidentId" = $1`, before.id);
    const termsBefore = (await terms())[0].n;
    await uploadShop("steady", "steady-team");
    const same = await db().incident.findUniqueOrThrow({ where: { id: before.id } });
    expect(same.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
    expect(same.score).toBe(before.score);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "inventory.upload", targetId: "steady" }, orderBy: { at: "desc" } });
    expect(audit.details).toMatchObject({ incidentsRescored: 1, incidentsChanged: 0 });
    expect((await terms())[0].n).toBe(termsBefore);
    // the secret no longer critical: the incident's score falls, and only then is the row written
    await uploadYaml("steady", SHOP_YAML("steady-team").replace("blastradius.dev/sensitivity: critical", "blastradius.dev/sensitivity: low"));
    const lower = await db().incident.findUniqueOrThrow({ where: { id: before.id } });
    expect(lower.score).toBeLessThan(before.score);
    expect(lower.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const second = await db().auditLog.findFirstOrThrow({ where: { action: "inventory.upload", targetId: "steady" }, orderBy: { at: "desc" } });
    expect(second.details).toMatchObject({ incidentsRescored: 1, incidentsChanged: 1 });
  });

  it("correlates Kubernetes audit events on the acting service account's workload, other users per user", async () => {
    await uploadShop("audit", "audit-team");
    const audit = (user: string, minute: number) => ({
      output: `Warning K8s Operation performed by user (user=${user})`,
      priority: "Warning",
      rule: "Disallowed K8s User",
      source: "k8s_audit",
      time: new Date(Date.UTC(2026, 10, 22, 9, minute)).toISOString(),
      tags: ["k8s"],
      output_fields: { "ka.user.name": user, "ka.verb": "list", "ka.target.resource": "secrets" },
    });
    await post("falco", "audit", JSON.stringify([audit("system:serviceaccount:shop:api", 0), audit("mallory", 1), audit("mallory", 2)]));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "audit" } });
    const incidents = await db().incident.findMany({ where: { clusterId: cluster.id }, orderBy: { workloadKey: "asc" } });
    expect(incidents.map((i) => [i.workloadKey, i.alertCount])).toEqual([
      ["Deployment/shop/api", 1],
      ["User/mallory", 2],
    ]);
  });
});

describe("Tetragon ingest", () => {
  it("stores every fixture event; process_exec / process_exit are activity and open no incident", async () => {
    const lines = readFileSync(path.join(FIX, "tetragon/docs_events.jsonl"), "utf8").trim().split("\n");
    const res = await post("tetragon", "tetra", lines.join("\n"), { type: "application/x-ndjson" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.rejected).toEqual([]);
    expect(body.accepted + body.duplicates).toBe(lines.length);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "tetra" } });
    const activity = await db().alert.findMany({ where: { clusterId: cluster.id, activity: true } });
    expect(activity.length).toBeGreaterThan(0);
    expect(activity.every((a) => a.incidentId === null)).toBe(true);
    const kprobes = await db().alert.findMany({ where: { clusterId: cluster.id, eventType: "process_kprobe" } });
    expect(kprobes.length).toBeGreaterThan(0);
    expect(kprobes.every((a) => a.incidentId !== null)).toBe(true);
  });
});

describe("event times outside retention and the clock", () => {
  const at = (time: Date, pod: string) =>
    makeFalcoEvent(falcoRule("Terminal shell in container"), { time, hostname: "node-t", namespace: "times", pod, container: "c", image: "i:1", fields: {} });
  const partitionsNamed = async (names: string[]) =>
    (await db().$queryRawUnsafe<{ relname: string }[]>(`SELECT relname::text AS relname FROM pg_class WHERE relname = ANY($1::text[])`, names)).map((r) => r.relname);

  it("rejects, per event and saying why, times older than retention or over 10 minutes ahead; makes no partition for them", async () => {
    const { resetEnvCache } = await import("../lib/env");
    const before = process.env.ALERT_RETENTION_DAYS;
    process.env.ALERT_RETENTION_DAYS = "30";
    resetEnvCache();
    try {
      const now = Date.now();
      const body = JSON.stringify([
        at(new Date(now - 60_000), "ok-now"),
        at(new Date(Date.UTC(2099, 0, 1)), "future"),
        at(new Date(now + 11 * 60_000), "ahead"),
        at(new Date(now + 5 * 60_000), "skewed-ok"),
        at(new Date(now - 31 * 86_400_000), "too-old"),
      ]);
      const res = await post("falco", "times", body);
      expect(res.status).toBe(202);
      const out = await res.json();
      expect(out.accepted).toBe(2);
      expect(out.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 4]);
      expect(out.rejected[0].error).toMatch(/^time: 2099-01-01T00:00:00.000Z is more than 10 minutes ahead/);
      expect(out.rejected[2].error).toMatch(/older than alert retention/);
      expect(await partitionsNamed(["alerts_p2099_01"])).toEqual([]);
    } finally {
      process.env.ALERT_RETENTION_DAYS = before;
      resetEnvCache();
    }
  });

  it("recreates a partition that another process dropped after this one cached it", async () => {
    const { ensureAlertPartitions } = await import("../lib/db/partitions");
    const time = new Date(Date.UTC(2024, 2, 9, 10));
    await ensureAlertPartitions([time]); // this process now believes alerts_p2024_03 exists
    await db().$executeRawUnsafe(`DROP TABLE alerts_p2024_03`); // maintenance elsewhere drops it
    const res = await post("falco", "times", JSON.stringify(at(time, "after-drop")));
    expect(res.status, await res.clone().text()).toBe(202);
    expect((await res.json()).accepted).toBe(1);
    expect(await partitionsNamed(["alerts_p2024_03"])).toEqual(["alerts_p2024_03"]);
  });
});

describe("alerts from pods newer than the inventory", () => {
  /** A real kprobe event of Tetragon's docs, at `time`, on the pod `pod` describes. */
  const docsKprobe = (time: Date, pod: Record<string, unknown>) => {
    const lines = readFileSync(path.join(FIX, "tetragon/docs_events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const kprobe = lines.find((e) => "process_kprobe" in e) as { process_kprobe: { process: { pod: Record<string, unknown> } }; time: string };
    kprobe.time = time.toISOString();
    Object.assign(kprobe.process_kprobe.process.pod, pod);
    return kprobe;
  };
  // SHOP_YAML: ReplicaSet api-7d9f of Deployment shop/api, whose service account reads a critical secret
  const fromPod = (pod: string, minute: number, host: string) =>
    makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.UTC(2026, 10, 24, 9, minute)), hostname: host, namespace: "shop", pod, container: "api", image: "shop/api:1" });

  it("a new replica of a known ReplicaSet ranks with its Deployment's blast radius, resolved by controller name", async () => {
    await uploadShop("newpods", "newpods-team");
    const known = await post("falco", "newpods", JSON.stringify(fromPod("api-7d9f-x1", 0, "np-1")));
    expect(known.status).toBe(202);
    const fresh = await post("falco", "newpods", JSON.stringify(fromPod("api-7d9f-bq8nz", 40, "np-2"))); // 40 min later: a new incident
    expect((await fresh.json()).accepted).toBe(1);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods" } });
    const incidents = await db().incident.findMany({ where: { clusterId: cluster.id }, orderBy: { firstSeen: "asc" } });
    expect(incidents).toHaveLength(2);
    const [byPod, byName] = incidents;
    expect(byPod).toMatchObject({ workloadKey: "Deployment/shop/api", resolvedBy: "pod", notInInventory: false });
    expect(byName).toMatchObject({ workloadKey: "Deployment/shop/api", resolvedBy: "controller_name", notInInventory: false, resolution: { kind: "ReplicaSet", name: "api-7d9f" } });
    expect(byName.score).toBeGreaterThan(0);
    expect(byName.score).toBe(byPod.score);
  });

  it("an incident opened before any inventory moves to the workload whose controller named its pod when one arrives", async () => {
    await post("falco", "newpods-3", JSON.stringify(fromPod("api-7d9f-zz4tk", 0, "np-4")));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-3" } });
    const before = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    expect(before).toMatchObject({ notInInventory: true, resolvedBy: "not_in_inventory", score: 0 });
    await uploadShop("newpods-3", "newpods-team-3");
    const after = await db().incident.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ workloadKey: "Deployment/shop/api", notInInventory: false, resolvedBy: "controller_name", resolution: { kind: "ReplicaSet", name: "api-7d9f" } });
    expect(after.score).toBeGreaterThan(0);
    const alert = await db().alert.findFirstOrThrow({ where: { incidentId: before.id } });
    expect(alert.workloadKey).toBe("Deployment/shop/api");
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetType: "incident", targetId: before.id, action: "incident.workload_resolved" } });
    expect(audit.details).toMatchObject({ from: "Pod/shop/api-7d9f-zz4tk", to: "Deployment/shop/api", resolvedBy: "controller_name" });
  });

  it("the sensor's workload fields resolve a pod whose name no controller pattern explains", async () => {
    await uploadShop("newpods-4", "newpods-team-4");
    // Falco with the k8smeta plugin names the Deployment
    const falco = makeFalcoEvent(falcoRule("Terminal shell in container"), {
      time: new Date(Date.UTC(2026, 10, 24, 11, 0)),
      hostname: "np-5",
      namespace: "shop",
      pod: "renamed-by-admission-webhook",
      container: "api",
      image: "shop/api:1",
      fields: { "k8smeta.deployment.name": "api" },
    });
    expect((await (await post("falco", "newpods-4", JSON.stringify(falco))).json()).accepted).toBe(1);
    // Tetragon's export: a real docs kprobe event, moved onto a pod of the shop Deployment
    const kprobe = docsKprobe(new Date(Date.UTC(2026, 10, 24, 12, 0)), { namespace: "shop", name: "custom-name-7", workload: "api", workload_kind: "Deployment" });
    expect((await (await post("tetragon", "newpods-4", JSON.stringify(kprobe))).json()).accepted).toBe(1);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-4" } });
    const incidents = await db().incident.findMany({ where: { clusterId: cluster.id } });
    expect(incidents.length).toBeGreaterThan(0);
    for (const i of incidents) expect(i).toMatchObject({ workloadKey: "Deployment/shop/api", resolvedBy: "sensor", notInInventory: false });
    // a sensor naming a workload the namespace does not have attaches nothing
    const stray = makeFalcoEvent(falcoRule("Terminal shell in container"), {
      time: new Date(Date.UTC(2026, 10, 24, 13, 0)),
      hostname: "np-6",
      namespace: "shop",
      pod: "stray",
      container: "c",
      image: "i:1",
      fields: { "k8smeta.deployment.name": "not-here" },
    });
    await post("falco", "newpods-4", JSON.stringify(stray));
    expect(await db().incident.findFirst({ where: { clusterId: cluster.id, workloadKey: "Pod/shop/stray" } })).toMatchObject({ resolvedBy: "not_in_inventory" });
  });

  it("the next inventory that lists the pod confirms an inferred match, or moves the incident to the pod's real workload (audited)", async () => {
    await uploadShop("newpods-7", "newpods-team-7");
    // by controller name (a new replica of ReplicaSet api-7d9f), and by a sensor that named the wrong Deployment
    await post("falco", "newpods-7", JSON.stringify(fromPod("api-7d9f-bq8nz", 0, "np-10")));
    const lying = makeFalcoEvent(falcoRule("Terminal shell in container"), {
      time: new Date(Date.UTC(2026, 10, 24, 11, 5)), // two hours later: an incident of its own
      hostname: "np-11",
      namespace: "shop",
      pod: "debug-shell",
      container: "sh",
      image: "busybox:1",
      fields: { "k8smeta.deployment.name": "api" },
    });
    await post("falco", "newpods-7", JSON.stringify(lying));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-7" } });
    const byName = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, resolvedBy: "controller_name" } });
    const bySensor = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, resolvedBy: "sensor" } });
    expect(bySensor.workloadKey).toBe("Deployment/shop/api");
    // the next inventory lists both pods: the replica under its ReplicaSet, the debug pod bare
    const listed = `${SHOP_YAML("newpods-team-7")}
---
apiVersion: v1
kind: Pod
metadata:
  name: api-7d9f-bq8nz
  namespace: shop
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9f, controller: true }]
spec:
  nodeName: node-a
  serviceAccountName: api
  containers: [{ name: api, image: shop/api:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: debug-shell, namespace: shop }
spec:
  nodeName: node-a
  automountServiceAccountToken: false
  containers: [{ name: sh, image: busybox:1 }]
`;
    await uploadYaml("newpods-7", listed);
    const confirmed = await db().incident.findUniqueOrThrow({ where: { id: byName.id } });
    expect(confirmed).toMatchObject({ workloadKey: "Deployment/shop/api", resolvedBy: "pod", resolution: null });
    expect((await db().auditLog.findFirstOrThrow({ where: { targetId: byName.id, action: "incident.workload_confirmed" } })).details).toMatchObject({
      workload: "Deployment/shop/api",
      was: "controller_name",
    });
    const corrected = await db().incident.findUniqueOrThrow({ where: { id: bySensor.id } });
    expect(corrected).toMatchObject({ workloadKey: "Pod/shop/debug-shell", workloadKind: "Pod", resolvedBy: "pod", notInInventory: false });
    // the debug pod mounts no token: its blast radius is not the Deployment's
    expect(corrected.score).toBeLessThan(bySensor.score);
    expect((await db().auditLog.findFirstOrThrow({ where: { targetId: bySensor.id, action: "incident.workload_resolved" } })).details).toMatchObject({
      from: "Deployment/shop/api",
      to: "Pod/shop/debug-shell",
      resolvedBy: "pod",
      was: "sensor",
    });
    expect((await db().alert.findFirstOrThrow({ where: { incidentId: bySensor.id } })).workloadKey).toBe("Pod/shop/debug-shell");
    // a third inventory changes nothing more: no second confirmation
    await uploadYaml("newpods-7", listed);
    expect(await db().auditLog.count({ where: { targetId: byName.id, action: "incident.workload_confirmed" } })).toBe(1);
  });

  it("an analyst can put an incident on the workload it belongs to (manual, audited, re-scored); others may not", async () => {
    await uploadShop("newpods-5", "newpods-team-5");
    await post("falco", "newpods-5", JSON.stringify(fromPod("hand-made", 0, "np-7")));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-5" } });
    const incident = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, workloadKey: "Pod/shop/hand-made" } });
    const route = await import("../app/api/v1/incidents/[id]/workload/route");
    const call = (token: string, body: unknown) =>
      route.POST(apiRequest(`/api/v1/incidents/${incident.id}/workload`, { method: "POST", token, body }), params({ id: incident.id }));
    const manager = (await makeToken("manager")).secret;
    const analyst = (await makeToken("analyst")).secret;
    expect((await call(manager, { workload: "Deployment/shop/api" })).status).toBe(403);
    const missing = await call(analyst, { workload: "Deployment/shop/nope" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/body\.workload: no workload Deployment\/shop\/nope/);
    const res = await call(analyst, { workload: "Deployment/shop/api", reason: "our debug pod, made by hand from the api template" });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ workload: { id: "Deployment/shop/api" }, resolvedBy: "manual", notInInventory: false, team: "newpods-team-5" });
    expect(body.score).toBeGreaterThan(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: incident.id, action: "incident.workload_resolved" } });
    expect(audit.details).toMatchObject({ from: "Pod/shop/hand-made", to: "Deployment/shop/api", resolvedBy: "manual" });
    expect((await db().alert.findFirstOrThrow({ where: { incidentId: incident.id } })).workloadKey).toBe("Deployment/shop/api");
  });

  it("the pod's labels resolve it by the one workload whose selector they match (Tetragon pod_labels, Falco k8s.pod.labels)", async () => {
    const yaml = `${SHOP_YAML("labels-team")}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: shop }
spec:
  selector: { matchLabels: { app: checkout } }
  template: { metadata: { labels: { app: checkout } }, spec: { containers: [{ name: c, image: shop/checkout:1 }] } }
`;
    await uploadYaml("newpods-6", yaml);
    const kprobe = docsKprobe(new Date(Date.UTC(2026, 10, 24, 14, 0)), { namespace: "shop", name: "checkout-by-hand", pod_labels: { app: "checkout", extra: "x" } });
    delete kprobe.process_kprobe.process.pod.workload;
    expect((await (await post("tetragon", "newpods-6", JSON.stringify(kprobe))).json()).accepted).toBe(1);
    const falco = makeFalcoEvent(falcoRule("Terminal shell in container"), {
      time: new Date(Date.UTC(2026, 10, 24, 15, 0)),
      hostname: "np-8",
      namespace: "shop",
      pod: "checkout-other",
      container: "c",
      image: "shop/checkout:1",
      fields: { "k8s.pod.labels": "[app:checkout, team:shop]" },
    });
    expect((await (await post("falco", "newpods-6", JSON.stringify(falco))).json()).accepted).toBe(1);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-6" } });
    const incidents = await db().incident.findMany({ where: { clusterId: cluster.id } });
    expect(incidents.length).toBeGreaterThan(0);
    for (const i of incidents) expect(i).toMatchObject({ workloadKey: "Deployment/shop/checkout", resolvedBy: "labels", resolution: { kind: "Deployment", name: "checkout" } });
  });

  it("an unowned pod is scored from its namespace's default service account, flagged unknown, drawn from its own pod", async () => {
    const yaml = `${SHOP_YAML("newpods-team-8")}
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: shop }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: default-reads-secrets, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets }
subjects: [{ kind: ServiceAccount, name: default, namespace: shop }]
`;
    const up = await uploadYaml("newpods-8", yaml);
    const workloadsRoute = await import("../app/api/v1/workloads/route");
    const listed = await (await workloadsRoute.GET(apiRequest("/api/v1/workloads?cluster=newpods-8&limit=200", { token: admin }), noParams)).json();
    // the stand-in is stored, never listed nor counted as a workload
    expect(listed.items.some((w: { kind: string }) => w.kind === "UnknownPod")).toBe(false);
    expect(up.workloads).toBe(listed.items.length);

    await post("falco", "newpods-8", JSON.stringify(fromPod("kubectl-run-shell", 0, "np-12")));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-8" } });
    const incident = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    expect(incident).toMatchObject({ workloadKey: "Pod/shop/kubectl-run-shell", resolvedBy: "not_in_inventory", notInInventory: true });
    const standIn = await db().workload.findFirstOrThrow({ where: { snapshotId: cluster.currentSnapshotId!, key: "UnknownPod/shop/default" } });
    expect(standIn.score).toBeGreaterThan(0);
    expect((incident.scoreBreakdown as { blastRadius: number }).blastRadius).toBe(standIn.score);
    expect(incident.score).toBeGreaterThan(0);
    // never attached to the neighbouring Deployment, whose radius differs
    const api = await db().workload.findFirstOrThrow({ where: { snapshotId: cluster.currentSnapshotId!, key: "Deployment/shop/api" } });
    expect(incident.workloadKey).not.toBe(api.key);

    const incidentsRoute = await import("../app/api/v1/incidents/route");
    const queue = await (await incidentsRoute.GET(apiRequest("/api/v1/incidents?cluster=newpods-8", { token: admin }), noParams)).json();
    const item = queue.items.find((i: { id: string }) => i.id === incident.id);
    expect(item.reachable.map((r: { asset: string }) => r.asset)).toContain("Secret/shop/db-password");
    expect(item.workloadId).toBeNull();
    const detailRoute = await import("../app/api/v1/incidents/[id]/route");
    const detail = await (await detailRoute.GET(apiRequest(`/api/v1/incidents/${incident.id}`, { token: admin }), params({ id: incident.id }))).json();
    const nodes = detail.graph.nodes.map((n: { id: string }) => n.id);
    expect(nodes).toContain("Pod/shop/kubectl-run-shell");
    expect(nodes).toContain("Container/shop/kubectl-run-shell/(any container)");
    expect(nodes.some((id: string) => id.includes("(new pod)"))).toBe(false);
    expect(detail.paths.length).toBeGreaterThan(0);

    // a later inventory re-scores it from the stand-in, still on its own pod
    await uploadYaml("newpods-8", SHOP_YAML("newpods-team-8"));
    const rescored = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    // without the default account's binding the namespace gives a new pod nothing sensitive
    expect(rescored).toMatchObject({ workloadKey: "Pod/shop/kubectl-run-shell", notInInventory: true, score: 0 });
  });

  it("a pod no controller named stays not in inventory, never attached to a neighbour", async () => {
    await uploadShop("newpods-2", "newpods-team-2");
    await post("falco", "newpods-2", JSON.stringify(fromPod("api-evil", 0, "np-3")));
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "newpods-2" } });
    const incident = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } });
    expect(incident).toMatchObject({ workloadKey: "Pod/shop/api-evil", resolvedBy: "not_in_inventory", notInInventory: true, score: 0 });
  });
});
