// `npm run bench -- queue [--incidents 50000] [--alerts 1000000] [--requests 200]`: fills the
// app's database with incidents on a synthetic cluster's workloads and alerts, then times
// GET /api/v1/incidents (first page, filtered pages, next page) over HTTP; prints p50/p95.
import { parseArgs } from "node:util";
import pg from "pg";
import { generateCluster } from "./cluster-gen";
import { percentile, startBenchApp } from "./app-server";

async function seed(databaseUrl: string, cluster: string, incidents: number, alerts: number) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT id, "currentSnapshotId" AS snap FROM clusters WHERE name = $1`, [cluster]);
    const { id: clusterId, snap } = rows[0];
    await db.query(`DELETE FROM incidents WHERE "clusterId" = $1`, [clusterId]);
    await db.query(
      `WITH w AS (SELECT key, kind, namespace, name, "teamId", score, row_number() OVER (ORDER BY key) - 1 AS n, count(*) OVER () AS total
                  FROM workloads WHERE "snapshotId" = $2)
       INSERT INTO incidents (id, "clusterId", "workloadKey", "workloadKind", namespace, "workloadName", "teamId", title, severity,
         "severityRank", status, score, "scoreBreakdown", "alertCount", "firstSeen", "lastSeen", "snapshotAtFirstAlert", "mitreTactics", "updatedAt")
       SELECT 'bench-' || g, $1, w.key, w.kind, w.namespace, w.name, w."teamId",
         (ARRAY['Terminal shell in container','Read sensitive file untrusted','Drop and execute new binary in container','Contact K8S API Server From Container'])[1 + g % 4],
         (ARRAY['notice','warning','critical','error'])[1 + g % 4], (ARRAY[2,3,5,4])[1 + g % 4],
         (ARRAY['new','acknowledged','investigating','resolved','new'])[1 + g % 5],
         round((w.score * (ARRAY[0.4,0.6,1.0,0.8])[1 + g % 4])::numeric, 2), '{}'::jsonb, 20,
         now() - make_interval(mins => g % 10000 + 30), now() - make_interval(mins => g % 10000), $2,
         ARRAY['execution'], now()
       FROM generate_series(0, $3 - 1) AS g JOIN w ON w.n = g % w.total`,
      [clusterId, snap, incidents],
    );
    await db.query(`DELETE FROM alerts WHERE "clusterId" = $1`, [clusterId]);
    const chunk = 200_000;
    for (let from = 0; from < alerts; from += chunk) {
      await db.query(
        `INSERT INTO alerts ("time", "timeNs", "clusterId", source, "eventType", rule, severity, tags, namespace, pod, "procCmdline",
           output, raw, "dedupeKey", "incidentId")
         SELECT now() - make_interval(secs => g % 2000000), '0', $1, 'falco', 'syscall', 'Terminal shell in container', 'notice',
           ARRAY['container'], 'ns-' || (g % 50), 'pod-' || (g % 5000), 'bash -c step ' || g,
           'A shell was spawned in a container with an attached terminal', '{"rule":"Terminal shell in container"}'::json,
           md5('bench' || g), 'bench-' || (g % $4)
         FROM generate_series($2::bigint, $3::bigint) AS g`,
        [clusterId, from, Math.min(alerts, from + chunk) - 1, incidents],
      );
    }
    // what ingest writes beside the alerts: each incident's distinct alert values, for search
    await db.query(
      `INSERT INTO incident_terms ("incidentId", field, value)
       SELECT DISTINCT a."incidentId", f.field, left(f.value, 300)
       FROM alerts a CROSS JOIN LATERAL (VALUES ('rule', a.rule), ('cmdline', a."procCmdline"), ('pod', a.pod)) AS f(field, value)
       WHERE a."clusterId" = $1 AND f.value IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [clusterId],
    );
    await db.query(
      `INSERT INTO incident_terms ("incidentId", field, value) VALUES ('bench-777', 'cmdline', 'curl --unix-socket /var/run/docker.sock http://localhost/containers/json')`,
    );
    await db.query(`ANALYZE incidents; ANALYZE alerts; ANALYZE incident_terms`);
  } finally {
    await db.end();
  }
}

async function time(url: string, token: string, requests: number): Promise<{ p50: number; p95: number; items: number }> {
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    ms.push(performance.now() - t0);
    items = body.items.length;
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)), items };
}

export async function benchQueue(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { incidents: { type: "string" }, alerts: { type: "string" }, requests: { type: "string" } } });
  const incidents = Number(values.incidents ?? 50_000);
  const alerts = Number(values.alerts ?? 1_000_000);
  const requests = Number(values.requests ?? 200);
  const app = await startBenchApp(".data/bench-queue");
  try {
    const cluster = "bench-queue";
    const inv = generateCluster({ pods: 3000, seed: 7 });
    const up = await fetch(`${app.url}/api/v1/inventory?cluster=${cluster}`, { method: "POST", headers: { authorization: `Bearer ${app.token}` }, body: inv.text });
    if (up.status !== 200) throw new Error(`inventory upload: HTTP ${up.status}`);
    const t0 = performance.now();
    await seed(app.databaseUrl, cluster, incidents, alerts);
    const seedSeconds = (performance.now() - t0) / 1000;
    const base = `${app.url}/api/v1/incidents`;
    const first = await time(`${base}?limit=50`, app.token, requests);
    const page = (await (await fetch(`${base}?limit=50`, { headers: { authorization: `Bearer ${app.token}` } })).json()) as { nextCursor: string };
    return {
      bench: "queue",
      incidents,
      alerts,
      requests,
      seedSeconds: Math.round(seedSeconds),
      firstPage: first,
      nextPage: await time(`${base}?limit=50&cursor=${page.nextCursor}`, app.token, requests),
      statusNew: await time(`${base}?limit=50&status=new`, app.token, requests),
      reachesCritical: await time(`${base}?limit=50&reachesCritical=true`, app.token, requests),
      text: await time(`${base}?limit=50&q=binary`, app.token, requests),
      // inside the alerts: one incident's command line, one alert's unique command line, a word in every one
      alertFieldRare: await time(`${base}?limit=50&q=docker.sock`, app.token, requests),
      alertFieldUnique: await time(`${base}?limit=50&q=${encodeURIComponent("step 424242")}`, app.token, requests),
      alertFieldCommon: await time(`${base}?limit=50&q=bash`, app.token, requests),
    };
  } finally {
    await app.stop();
  }
}
