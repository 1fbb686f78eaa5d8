// Vitest global setup: a real PostgreSQL for the integration tests — the embedded one by
// default, or the server in DATABASE_URL — with a fresh database for this run, migrated.
import type { TestProject } from "vitest/node";
import pg from "pg";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { migrateDatabase } from "../lib/db/migrate";
import { runPrismaCli } from "../lib/db/prisma-cli";
import { existsSync, rmSync } from "node:fs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;
let adminUrl: string;
let dbName: string;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function setup(project: TestProject) {
  const root = path.resolve(__dirname, "..");
  if (!existsSync(path.join(root, "lib", "db", "generated", "client.ts"))) await runPrismaCli(["generate"]);
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    // One cluster per run, so concurrent runs never share a data folder; removed at teardown.
    embeddedDir = path.join(root, ".data", "vitest", String(process.pid));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(embeddedDir, "pg"), database: "postgres" });
    adminUrl = embedded.url;
  }
  dbName = `br_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = withDatabase(adminUrl, dbName);
  await migrateDatabase(url);
  project.provide("databaseUrl", url);
}

export async function teardown() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
}
