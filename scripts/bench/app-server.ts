// Starts the real app (scripts/start.ts: embedded PostgreSQL, production build) for a
// benchmark, and gives its URL, an admin token and a direct database URL.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/db/embedded";

const ROOT = path.resolve(__dirname, "..", "..");

export interface TBenchApp {
  url: string;
  token: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startBenchApp(dataDir: string, extraEnv: Record<string, string> = {}): Promise<TBenchApp> {
  const port = await freePort();
  const token = "bench-admin-token-0123456789abcdef";
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, BOOTSTRAP_ADMIN_TOKEN: token, LOG_LEVEL: "warn", NEXTAUTH_URL: `http://localhost:${port}`, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never leave the app and its PostgreSQL behind if the benchmark itself dies.
  process.once("exit", () => child.kill("SIGINT"));
  let log = "";
  let dbPort = "";
  child.stdout!.on("data", (d) => {
    log += d;
    dbPort ||= /embedded PostgreSQL on port (\d+)/.exec(log)?.[1] ?? "";
  });
  child.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  while (!/ready: http/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app did not start:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const password = readFileSync(path.join(ROOT, dataDir, "pg.password"), "utf8").trim();
  return {
    url,
    token,
    databaseUrl: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${dbPort}/blastradius`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      }),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
