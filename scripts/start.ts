// `npm start`: one command from a fresh clone to a running app. Starts the embedded
// PostgreSQL unless DATABASE_URL is set, migrates, seeds demo data where allowed, builds the
// production bundle when its inputs changed, serves on PORT, and stops everything on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { env } from "../lib/env";
import { runPrismaCli } from "../lib/db/prisma-cli";
import { migrateDatabase } from "../lib/db/migrate";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { buildFingerprint } from "../lib/build-fingerprint";
import { listenHost } from "../lib/listen-host";

const ROOT = path.resolve(__dirname, "..");
const dev = process.argv.includes("--dev");
const t0 = Date.now();
const say = (msg: string) => console.log(`[blast-radius] ${msg} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

let database: EmbeddedDatabase | undefined;
let server: ChildProcess | undefined;
let stopping = false;

function authSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function run(cmd: string, args: string[], extraEnv: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...extraEnv }, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? cmd)} exited with ${code}`))));
  });
}

async function buildIfNeeded(): Promise<void> {
  const stamp = path.join(ROOT, ".next", "br-build-fingerprint");
  const fingerprint = buildFingerprint(ROOT);
  const built = existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
  if (built) return say("production build is current");
  say("building the production bundle (first start or sources changed)…");
  await run(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], { NEXT_TELEMETRY_DISABLED: "1" });
  writeFileSync(stamp, fingerprint);
  say("build done");
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function shutdown(signal: string, code = 0): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  say(`${signal}: stopping`);
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (database) {
    await database.stop();
    say("embedded PostgreSQL stopped");
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const e = env();
  const dataDir = path.resolve(ROOT, e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  if (!existsSync(path.join(ROOT, "lib", "db", "generated", "client.ts"))) {
    await runPrismaCli(["generate"]);
    say("Prisma client generated");
  }

  let databaseUrl = e.DATABASE_URL;
  const embedded = !databaseUrl;
  if (!databaseUrl) {
    const log = createWriteStream(path.join(dataDir, "postgres.log"), { flags: "a" });
    database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), log: (l) => log.write(`${l}\n`) });
    databaseUrl = database.url;
    say(`embedded PostgreSQL on port ${database.port}, data in ${path.join(dataDir, "pg")}`);
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.NEXTAUTH_SECRET ??= authSecret(dataDir);
  process.env.NEXTAUTH_URL ??= `http://localhost:${e.PORT}`;

  const applied = await migrateDatabase(databaseUrl);
  say(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is current");

  // Imported only now: they need the generated client and DATABASE_URL.
  const { resetEnvCache } = await import("../lib/env");
  resetEnvCache();
  const { seedDemo, DEMO_USERS, DEMO_PASSWORD } = await import("../prisma/seed");
  const { applyBootstrapAdmin } = await import("../lib/bootstrap");
  const seeded = embedded || e.SEED_DEMO ? await seedDemo() : false;
  if (seeded) {
    say("demo users and teams created");
    const { seedDemoInventory } = await import("../lib/demo/seed-demo-inventory");
    const demo = await seedDemoInventory();
    if (demo) say(`demo cluster ${demo.cluster} loaded: ${demo.pods} pods, ${demo.edges} edges, ${demo.workloads} workloads`);
    const { seedDemoAlerts } = await import("../lib/demo/seed-demo-alerts");
    const alerts = await seedDemoAlerts();
    say(`demo alerts loaded: ${alerts.accepted} alerts, ${alerts.triaged} incidents triaged by the demo analyst`);
    const { seedDemoRisks } = await import("../lib/demo/seed-demo-risks");
    const risks = await seedDemoRisks();
    if (risks) say(`demo accepted risks: ${risks} (one in force, one expired)`);
  }
  for (const note of await applyBootstrapAdmin()) say(note);
  const { runMaintenance } = await import("../lib/maintenance");
  const maintain = async () => {
    const { dropped } = await runMaintenance();
    if (dropped.length) say(`retention: dropped alert partitions ${dropped.join(", ")}`);
  };
  await maintain();
  // SLA breaches are recorded when they happen: a sweep a minute (one replica at a time)
  const { sweepSlaBreaches } = await import("../lib/db/sla");
  setInterval(() => void sweepSlaBreaches().catch((err: Error) => say(`SLA sweep failed: ${err.message}`)), 60_000).unref();
  // accepted risks come back on their own at expiry; the sweep records each expiry once (audited)
  const { sweepExpiredRisks } = await import("../lib/db/accepted-risks");
  setInterval(() => void sweepExpiredRisks().catch((err: Error) => say(`accepted-risk sweep failed: ${err.message}`)), 60_000).unref();
  setInterval(() => void maintain().catch((err: Error) => say(`maintenance failed: ${err.message}`)), 6 * 3_600_000).unref();
  // the queue's search index of alert values: moved from ingest's pending list every 2 s, at most
  // 4,000 values a tick (a burst of alerts keeps its CPU; the index catches up after it) unless
  // more than 1,000,000 wait (about 100 MB: minutes of a flood of new values)
  const { drainIncidentTerms } = await import("../lib/db/incident-terms");
  await drainIncidentTerms();
  let draining = false;
  setInterval(() => {
    if (draining) return;
    draining = true;
    void drainIncidentTerms({ budget: 4_000, backlogLimit: 1_000_000 })
      .catch((err: Error) => say(`search index update failed: ${err.message}`))
      .finally(() => (draining = false));
  }, 2_000).unref();
  const { disconnectDb } = await import("../lib/db/client");
  await disconnectDb();

  if (!dev) await buildIfNeeded();
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const listen = listenHost({ demoUsers: embedded || e.SEED_DEMO, host: e.HOST });
  if (listen.note) say(listen.note);
  // Production: our own server in front of Next (scripts/serve.cjs), so client addresses come from the socket.
  const serverArgs = dev
    ? [nextBin, "dev", "-p", String(e.PORT), ...(listen.host ? ["-H", listen.host] : [])]
    : [path.join(ROOT, "scripts", "serve.cjs"), String(e.PORT), ...(listen.host ? [listen.host] : [])];
  server = spawn(process.execPath, serverArgs, {
    cwd: ROOT,
    // A larger young generation (up to 3 × 64 MB): an ingest batch lives across its database round
    // trips, and with the default size it is promoted and collected as old data. Measured on the
    // ingest bench: 10–20 % less CPU per alert. A NODE_OPTIONS of the operator's comes after it and wins.
    // BLAST_RADIUS_ROOT: where the alert normalization workers find their source (normalize-pool.ts).
    env: { ...process.env, BLAST_RADIUS_ROOT: ROOT, NEXT_TELEMETRY_DISABLED: "1", NODE_OPTIONS: ["--max-semi-space-size=64", process.env.NODE_OPTIONS].filter(Boolean).join(" ") },
    stdio: ["ignore", "inherit", "inherit"],
  });
  server.on("exit", (code) => {
    if (!stopping) void shutdown(`web server exited with ${code}`, code ?? 1);
  });

  const url = `http://localhost:${e.PORT}`;
  const healthUrl = `http://${listen.host && listen.host !== "0.0.0.0" && listen.host !== "::" ? (listen.host.includes(":") ? `[${listen.host}]` : listen.host) : "127.0.0.1"}:${e.PORT}`;
  if (!(await waitForHealth(healthUrl, 120_000))) {
    if (!stopping) await shutdown("web server did not become healthy", 1);
    return;
  }
  say(`ready: ${url}`);
  if (embedded || e.SEED_DEMO) {
    console.log(`\n  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(10)} ${u.email}${u.teams.length ? `  (teams: ${u.teams.join(", ")})` : ""}`);
    console.log("\n  Press Ctrl-C to stop the app and its database.\n");
  }
}

main().catch(async (err: Error) => {
  console.error(`[blast-radius] start failed: ${err.message}`);
  await shutdown("error", 1);
});
