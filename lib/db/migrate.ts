// Applies pending migrations. The Prisma CLI on its wasm engine takes ~10 s to start, so
// when every migration folder is already recorded as applied, it is not started at all.
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { runPrismaCli } from "./prisma-cli";

const MIGRATIONS_DIR = path.resolve(__dirname, "..", "..", "prisma", "migrations");

export function migrationNames(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(MIGRATIONS_DIR, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0].t) return migrationNames();
    const applied = await client.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(applied.rows.map((r: { migration_name: string }) => r.migration_name));
    return migrationNames().filter((m) => !done.has(m));
  } finally {
    await client.end();
  }
}

/** Returns the names of the migrations it applied. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return [];
  await runPrismaCli(["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
  return pending;
}
