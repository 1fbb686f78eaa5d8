// Starts the real app (scripts/start.ts: embedded PostgreSQL, production build) for a
// benchmark, and gives its URL, an admin token and a direct database URL.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/db/embedded";

const ROOT = path.resolve(__dirname, "..", "..");

export interface TBenchApp {
  /** CPU seconds used so far by the app's processes (Linux /proc), by kind */
  cpu(): { postgres: number; app: number };
  /** resident memory of the app's processes (not PostgreSQL), MB */
  rssMb(): number;
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
    if (process.env.BENCH_APP_LOG) process.stderr.write(d);
    dbPort ||= /embedded PostgreSQL on port (\d+)/.exec(log)?.[1] ?? "";
  });
  child.stderr!.on("data", (d) => { log += d; if (process.env.BENCH_APP_LOG) process.stderr.write(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  while (!/ready: http/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app did not start:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const password = readFileSync(path.join(ROOT, dataDir, "pg.password"), "utf8").trim();
  return {
    cpu: () => processTreeCpu(child.pid!),
    rssMb: () => processTreeRssMb(child.pid!),
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

const TICKS_PER_SECOND = 100;

interface TProc {
  ppid: number;
  comm: string;
  cpuSeconds: number;
}

/** `root` and its descendants, from /proc (empty where /proc is missing). */
function processTree(root: number): [number, TProc][] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const info = new Map<number, TProc>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // the command name is in parentheses and may hold spaces; fields after it are space-separated
      const close = stat.lastIndexOf(")");
      const f = stat.slice(close + 2).split(" ");
      info.set(Number(pid), { ppid: Number(f[1]), comm: stat.slice(stat.indexOf("(") + 1, close), cpuSeconds: (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND });
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 50; hops++) {
      if (p === root) return true;
      p = info.get(p)?.ppid ?? 0;
    }
    return false;
  };
  return [...info].filter(([pid]) => inTree(pid));
}

/** user + system CPU seconds of `root` and its descendants, split into PostgreSQL and the rest (0 where /proc is missing). */
export function processTreeCpu(root: number): { postgres: number; app: number } {
  const out = { postgres: 0, app: 0 };
  for (const [, p] of processTree(root)) {
    if (p.comm === "postgres") out.postgres += p.cpuSeconds;
    else out.app += p.cpuSeconds;
  }
  return out;
}

/** Resident memory (MB) of `root` and its descendants that are not PostgreSQL (0 where /proc is missing). */
export function processTreeRssMb(root: number): number {
  let kb = 0;
  for (const [pid, p] of processTree(root)) {
    if (p.comm === "postgres") continue;
    try {
      kb += Number(/^VmRSS:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}
