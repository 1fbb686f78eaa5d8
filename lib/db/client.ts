// The Prisma client, one per process, on the pg driver adapter (no native engine).
import "#server-only"; // a client component that reaches this module fails the build (package.json "imports")
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

const globalForPrisma = globalThis as unknown as { __brPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 3000 }),
  });
}

/** Lazily created so that importing a module never needs a database. */
export function db(): PrismaClient {
  if (!globalForPrisma.__brPrisma) globalForPrisma.__brPrisma = createClient();
  return globalForPrisma.__brPrisma;
}

/** Closes this process's Prisma connections, if any were opened (the start script, before handing over to the server). */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.__brPrisma?.$disconnect();
}

export type { PrismaClient };
export { Prisma } from "./generated/client";
export type { Role, TokenRole } from "./generated/client";
