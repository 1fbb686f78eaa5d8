// Whether the database answers right now.
import { db } from "./client";

export async function pingDatabase(): Promise<void> {
  await db().$queryRawUnsafe("SELECT 1");
}
