// Periodic database chores: alert partitions for the coming months, and retention, which
// drops whole monthly partitions past ALERT_RETENTION_DAYS.
import { env } from "./env";
import { dropExpiredPartitions, ensureUpcomingPartitions, tunePartitionStorage } from "./db/partitions";

export async function runMaintenance(now = new Date()): Promise<{ dropped: string[] }> {
  await ensureUpcomingPartitions(now);
  await tunePartitionStorage();
  const dropped = await dropExpiredPartitions(env().ALERT_RETENTION_DAYS, now);
  return { dropped };
}
