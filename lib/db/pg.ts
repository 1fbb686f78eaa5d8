// A plain node-postgres pool for the hot paths (bulk inserts with unnest/COPY) that Prisma
// would make slow. Only lib/db uses it.
import "#server-only"; // a client component that reaches this module fails the build (package.json "imports")
import pg from "pg";
import { env } from "../env";

const globalForPg = globalThis as unknown as { __brPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPg.__brPgPool) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    // JIT compilation costs 100 ms or more on the few queries big enough to trigger it (the managers'
    // aggregates over tens of thousands of incidents) and pays off only on long analytic scans
    const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 3000, options: "-c jit=off" });
    pool.on("error", () => {}); // idle client lost (database restart): the pool replaces it
    globalForPg.__brPgPool = pool;
  }
  return globalForPg.__brPgPool;
}

/** A connection inside a transaction, as the layers above lib/db hold it (they never import pg). */
export type TTx = pg.PoolClient;

/** Runs `fn` in one transaction on one connection; rolls back on any error. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
