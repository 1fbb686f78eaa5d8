// `npm run bench -- live [--pods 10000] [--seconds 300] [--rate 200]`: a live inventory on the
// running app. Uploads the synthetic cluster, then measures (1) one RoleBinding change and one new
// pod, each until the stored blast radius shows it (POST …/inventory/changes?wait=1); (2) pod
// replacements at `rate` per second for `seconds` (a DELETED and an ADDED event each), sampling
// every 5 s how far the stored snapshot is behind the changes received (lag), and the app's
// memory after 2 minutes and at the end.
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { generateCluster } from "./cluster-gen";
import { startBenchApp } from "./app-server";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

type TObj = { kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; spec?: Record<string, unknown>; [k: string]: unknown };

export async function benchLive(argv: string[]): Promise<object> {
  const { values } = parseArgs({ args: argv, options: { pods: { type: "string" }, seconds: { type: "string" }, rate: { type: "string" } } });
  const pods = Number(values.pods ?? 10_000);
  const seconds = Number(values.seconds ?? 300);
  const rate = Number(values.rate ?? 200);
  const cluster = `live-${pods}`;
  const generated = generateCluster({ pods, seed: 42 });
  const items = (JSON.parse(generated.text) as { items: TObj[] }).items;
  // a fresh database every run: the phases below are read from this run's audit entries
  rmSync(".data/bench-live", { recursive: true, force: true });
  const app = await startBenchApp(".data/bench-live");
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  const post = async (path: string, body: unknown, type = "application/json") => {
    const res = await fetch(`${app.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${app.token}`, "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });
    const answer = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`HTTP ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
    return answer;
  };
  try {
    await post(`/api/v1/inventory?cluster=${cluster}`, generated.text);

    // (1) single changes until reflected in the stored blast radius
    const binding = items.find((o) => o.kind === "RoleBinding" && o.metadata.name === "app-reader")!;
    const roleBinding: number[] = [];
    for (let i = 0; i < 3; i++) {
      const next = structuredClone(binding) as TObj & { subjects: unknown[] };
      next.subjects = [...(next.subjects ?? []), { kind: "ServiceAccount", name: `bench-sa-${i}`, namespace: binding.metadata.namespace }];
      const t0 = performance.now();
      await post(`/api/v1/inventory/changes?cluster=${cluster}&wait=1`, { changes: [{ type: "MODIFIED", object: next }] });
      roleBinding.push(performance.now() - t0);
    }
    const template = items.find((o) => o.kind === "Pod" && (o.metadata.ownerReferences as unknown[] | undefined)?.length)!;
    const newPod: number[] = [];
    for (let i = 0; i < 3; i++) {
      const pod = structuredClone(template);
      pod.metadata.name = `${template.metadata.name}-bench${i}`;
      const t0 = performance.now();
      await post(`/api/v1/inventory/changes?cluster=${cluster}&wait=1`, { changes: [{ type: "ADDED", object: pod }] });
      newPod.push(performance.now() - t0);
    }

    // where the single changes' time went (the runs' audit entries, oldest first: 3 RoleBinding, 3 pods)
    const runs = (
      await db.query(
        `SELECT details->'ms' AS ms, details->'searches' AS searches FROM audit_log WHERE action = 'inventory.live_update' AND "targetId" = $1 ORDER BY at, id LIMIT 6`,
        [cluster],
      )
    ).rows;
    const phases = runs.map((r) => r.ms as Record<string, number>);
    // blast-radius searches per run: reused from the previous graph, run again
    const searches = runs.map((r) => r.searches as { reused: number; searched: number } | null);
    const medianPhases = (runs: Record<string, number>[]) =>
      Object.fromEntries(Object.keys(runs[0] ?? {}).map((k) => [k, Math.round(median(runs.map((r) => r[k])))]));
    const phasesMs = { roleBinding: medianPhases(phases.slice(0, 3)), newPod: medianPhases(phases.slice(3, 6)) };

    // (2) sustained pod replacements
    const replaceable = items.filter((o) => o.kind === "Pod" && (o.metadata.ownerReferences as unknown[] | undefined)?.length);
    const live = new Map(replaceable.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
    let serial = 0;
    const lagSamples: { at: number; lagSeconds: number; pending: number }[] = [];
    let rssAt2min: number | null = null;
    const start = performance.now();
    const rssStart = app.rssMb();
    let sent = 0;
    let nextSample = 5;
    while ((performance.now() - start) / 1000 < seconds) {
      const second = performance.now();
      const changes: unknown[] = [];
      const keys = [...live.keys()];
      for (let i = 0; i < rate; i++) {
        const key = keys[(serial * 7919 + i * 104729) % keys.length];
        const old = live.get(key);
        if (!old) continue;
        const pod = structuredClone(old);
        pod.metadata.name = `${String(old.metadata.name).replace(/-r\d+$/, "")}-r${++serial}`;
        live.delete(key);
        live.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
        changes.push({ type: "DELETED", object: { apiVersion: "v1", kind: "Pod", metadata: { name: old.metadata.name, namespace: old.metadata.namespace } } });
        changes.push({ type: "ADDED", object: pod });
      }
      await post(`/api/v1/inventory/changes?cluster=${cluster}`, { changes });
      sent += changes.length / 2;
      const elapsed = (performance.now() - start) / 1000;
      if (elapsed >= nextSample) {
        nextSample += 5;
        const res = await db.query(
          `SELECT EXTRACT(EPOCH FROM (now() - min(ch."receivedAt")))::float AS lag, count(*)::int AS pending
           FROM clusters c JOIN inventory_snapshots s ON s.id = c."currentSnapshotId"
           LEFT JOIN inventory_changes ch ON ch."clusterId" = c.id AND ch.seq > COALESCE(s."throughSeq", 0)
           WHERE c.name = $1`,
          [cluster],
        );
        lagSamples.push({ at: round(elapsed, 0), lagSeconds: round(res.rows[0].lag ?? 0, 1), pending: res.rows[0].pending });
      }
      if (rssAt2min === null && elapsed >= Math.min(120, seconds / 2)) rssAt2min = app.rssMb();
      const wait = 1000 - (performance.now() - second);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    // until the last batch is in the stored snapshot
    const t0 = performance.now();
    await post(`/api/v1/inventory/changes?cluster=${cluster}&wait=1`, { changes: [{ type: "MODIFIED", object: binding }] });
    const drainSeconds = (performance.now() - t0) / 1000;
    const snapshots = (await db.query(`SELECT count(*)::int AS n FROM inventory_snapshots s JOIN clusters c ON c.id = s."clusterId" WHERE c.name = $1`, [cluster])).rows[0].n;
    const rssEnd = app.rssMb();
    return {
      bench: "live",
      pods,
      roleBindingChangeMs: { runs: roleBinding.map((x) => Math.round(x)), median: Math.round(median(roleBinding)) },
      newPodMs: { runs: newPod.map((x) => Math.round(x)), median: Math.round(median(newPod)) },
      /** medians per phase of a run: apply (read + apply the changes), analyze (parse, graph, blast radius), pack (compaction), handOver (to and from the worker), store (snapshot rows, re-scoring) */
      phasesMs,
      searches: { roleBinding: searches.slice(0, 3), newPod: searches.slice(3, 6) },
      churn: {
        seconds,
        targetPerSecond: rate,
        replacementsSent: sent,
        achievedPerSecond: round(sent / seconds, 1),
        lagSeconds: { max: Math.max(...lagSamples.map((s) => s.lagSeconds), 0), last: lagSamples.at(-1)?.lagSeconds ?? 0, samples: lagSamples },
        drainSeconds: round(drainSeconds, 1),
        snapshotsKept: snapshots,
      },
      rssMb: { start: rssStart, at2min: rssAt2min, end: rssEnd, endOver2min: rssAt2min ? round(rssEnd / rssAt2min, 2) : null },
    };
  } finally {
    await db.end();
    await app.stop();
  }
}
