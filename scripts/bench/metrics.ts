// `npm run bench -- metrics [--incidents 50000] [--requests 100]`: fills the app's database with
// incidents over twelve weeks — tiers, teams, acknowledge/contain/resolve times, false positives,
// open ones — then times the managers' queries over HTTP: response times by team and by tier (as a
// page asks them, answered from the cache while incidents do not change, and uncached),
// the SLA lists, the queue's SLA filter, the ownership list and 200 posture points. Prints p50/p95 in ms.
import { parseArgs } from "node:util";
import pg from "pg";
import { generateCluster } from "./cluster-gen";
import { percentile, startBenchApp } from "./app-server";

async function seed(databaseUrl: string, cluster: string, incidents: number) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT id, "currentSnapshotId" AS snap FROM clusters WHERE name = $1`, [cluster]);
    const { id: clusterId, snap } = rows[0];
    await db.query(`INSERT INTO teams (id, name, "displayName", "updatedAt") SELECT 'bench-team-' || g, 'bench-team-' || g, 'Team ' || g, now() FROM generate_series(0, 11) g ON CONFLICT DO NOTHING`);
    await db.query(`DELETE FROM incidents WHERE "clusterId" = $1`, [clusterId]);
    // per incident: first seen within 12 weeks; acknowledged after 1..600 min (one in 10 never);
    // contained 30..1000 min later (one in 3 never); resolved 60..3000 min after that (one in 4 never); one in 8 a false positive
    await db.query(
      `WITH w AS (SELECT key, kind, namespace, name, score, row_number() OVER (ORDER BY key) - 1 AS n, count(*) OVER () AS total
                  FROM workloads WHERE "snapshotId" = $2 AND kind <> 'UnknownPod'),
       s AS (SELECT g, now() - make_interval(mins => (g * 7919) % (84 * 1440)) AS first,
                    1 + (g * 31) % 600 AS tta, 30 + (g * 17) % 1000 AS ttc, 60 + (g * 13) % 3000 AS ttr FROM generate_series(0, $3 - 1) g)
       INSERT INTO incidents (id, "clusterId", "workloadKey", "workloadKind", namespace, "workloadName", "teamId", title, severity,
         "severityRank", status, tier, score, "scoreBreakdown", "alertCount", "firstSeen", "lastSeen", "mitreTactics", "updatedAt",
         "acknowledgedAt", "containedAt", "resolvedAt")
       SELECT 'bench-m-' || s.g, $1, w.key, w.kind, w.namespace, w.name, CASE WHEN s.g % 13 = 0 THEN NULL ELSE 'bench-team-' || (s.g % 12) END,
         'Terminal shell in container', 'warning', 4,
         CASE WHEN s.g % 8 = 0 THEN 'false_positive' WHEN s.g % 10 = 1 THEN 'new' WHEN s.g % 3 = 2 THEN 'acknowledged'
              WHEN s.g % 4 = 3 THEN 'contained' ELSE 'resolved' END,
         (ARRAY['critical','high','other','other'])[1 + s.g % 4], w.score, '{}'::jsonb, 3, s.first, s.first + interval '5 minutes', ARRAY['execution'], now(),
         CASE WHEN s.g % 10 = 1 THEN NULL ELSE s.first + make_interval(mins => s.tta) END,
         CASE WHEN s.g % 8 = 0 OR s.g % 10 = 1 OR s.g % 3 = 2 THEN NULL ELSE s.first + make_interval(mins => s.tta + s.ttc) END,
         CASE WHEN s.g % 8 = 0 THEN s.first + make_interval(mins => s.tta)
              WHEN s.g % 10 = 1 OR s.g % 3 = 2 OR s.g % 4 = 3 THEN NULL ELSE s.first + make_interval(mins => s.tta + s.ttc + s.ttr) END
       FROM s JOIN w ON w.n = s.g % w.total`,
      [clusterId, snap, incidents],
    );
    // 200 posture points, an hour apart (a second run on the same data directory replaces the first's)
    await db.query(`DELETE FROM posture_points WHERE id LIKE 'bench-p-%'`);
    await db.query(
      `INSERT INTO posture_points (id, "clusterId", "snapshotId", at, figures)
       SELECT 'bench-p-' || g, $1, NULL, now() - make_interval(hours => g),
              jsonb_build_object('privilegedContainers', 40 + g % 7, 'escapeContainers', 60 + g % 5, 'controlPlaneWorkloads', 12, 'criticalReachWorkloads', 300 + g % 11,
                                 'unownedWorkloads', 90 - g % 9, 'workloads', 1500, 'acceptedRisks', 0, 'blastRadiusSum', 45000.5)
       FROM generate_series(1, 200) g`,
      [clusterId],
    );
    // as autovacuum would after a bulk load: statistics, and the visibility map index-only scans need
    await db.query(`VACUUM ANALYZE incidents`);
    await db.query(`VACUUM ANALYZE posture_points`);
  } finally {
    await db.end();
  }
}

async function time(url: string | ((i: number) => string), token: string, requests: number): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const target = typeof url === "string" ? url : url(i);
    const res = await fetch(target, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${target}: HTTP ${res.status}`);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(percentile(ms, 50)), p95: Math.round(percentile(ms, 95)) };
}

export async function benchMetrics(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { incidents: { type: "string" }, requests: { type: "string" } } });
  const incidents = Number(values.incidents ?? 50_000);
  const requests = Number(values.requests ?? 100);
  const app = await startBenchApp(".data/bench-metrics");
  try {
    const cluster = "bench-metrics";
    const inv = generateCluster({ pods: 3000, seed: 11 });
    const up = await fetch(`${app.url}/api/v1/inventory?cluster=${cluster}`, { method: "POST", headers: { authorization: `Bearer ${app.token}` }, body: inv.text });
    if (up.status !== 200) throw new Error(`inventory upload: HTTP ${up.status}`);
    const t0 = performance.now();
    await seed(app.databaseUrl, cluster, incidents);
    const seedSeconds = (performance.now() - t0) / 1000;
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 84 * 86_400_000).toISOString();
    const api = `${app.url}/api/v1`;
    // the first SLA read records every breach so far (a sweep); time the steady state after it
    await fetch(`${api}/sla`, { headers: { authorization: `Bearer ${app.token}` } });
    return {
      bench: "metrics",
      incidents,
      requests,
      seedSeconds: Math.round(seedSeconds),
      responseByTeam: await time(`${api}/metrics/response?groupBy=team&from=${from}&to=${to}`, app.token, requests),
      responseByTier: await time(`${api}/metrics/response?groupBy=tier&from=${from}&to=${to}`, app.token, requests),
      // the same with a period that differs on every request (a millisecond later each time): never from the cache
      responseByTeamUncached: await time((i) => `${api}/metrics/response?groupBy=team&from=${from}&to=${new Date(Date.parse(to) + i + 1).toISOString()}`, app.token, requests),
      responseByTierUncached: await time((i) => `${api}/metrics/response?groupBy=tier&from=${from}&to=${new Date(Date.parse(to) + i + 1).toISOString()}`, app.token, requests),
      sla: await time(`${api}/sla`, app.token, requests),
      queueSlaBreached: await time(`${api}/incidents?limit=50&sla=breached`, app.token, requests),
      ownership: await time(`${api}/ownership?limit=100`, app.token, requests),
      posture: await time(`${api}/metrics/posture?cluster=${cluster}`, app.token, requests),
    };
  } finally {
    await app.stop();
  }
}
