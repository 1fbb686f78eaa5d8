// Alerts are partitioned by month; partitions are made ahead and on demand, and retention
// drops whole partitions.
import { describe, expect, it } from "vitest";
import { pgPool } from "../lib/db/pg";
import { dropExpiredPartitions, ensureAlertPartitions, ensureUpcomingPartitions, partitionName, tunePartitionStorage } from "../lib/db/partitions";

async function partitions(): Promise<string[]> {
  const res = await pgPool().query(
    `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'alerts' ORDER BY 1`,
  );
  return res.rows.map((r) => r.relname);
}

describe("alert partitions", () => {
  it("creates the current and next two months ahead", async () => {
    const now = new Date(Date.UTC(2031, 4, 17));
    await ensureUpcomingPartitions(now);
    expect(await partitions()).toEqual(expect.arrayContaining(["alerts_p2031_05", "alerts_p2031_06", "alerts_p2031_07"]));
  });

  it("makes a partition for every month a batch's times fall in, in any order, at the months' edges", async () => {
    const utc = (month: number, day: number, h = 0, m = 0, ms = 0) => new Date(Date.UTC(2032, month, day, h, m, 0, ms));
    await ensureAlertPartitions([utc(2, 15), utc(2, 31, 23, 59, 999), utc(3, 1), utc(2, 1), utc(5, 2), utc(3, 30)]);
    const made = (await partitions()).filter((p) => p.startsWith("alerts_p2032_"));
    expect(made).toEqual(["alerts_p2032_03", "alerts_p2032_04", "alerts_p2032_06"]);
  });

  it("drops partitions whose month ended before the retention window, keeping the rest", async () => {
    await ensureAlertPartitions([new Date(Date.UTC(2030, 0, 10)), new Date(Date.UTC(2030, 2, 10)), new Date(Date.UTC(2030, 3, 1))]);
    await pgPool().query(
      `INSERT INTO alerts ("time", "timeNs", "clusterId", source, "eventType", rule, severity, output, raw, "dedupeKey")
       VALUES ('2030-01-10', '0', 'c', 'falco', 'syscall', 'r', 'warning', 'o', '{}', 'old'), ('2030-03-10', '0', 'c', 'falco', 'syscall', 'r', 'warning', 'o', '{}', 'new')`,
    );
    // 2030-04-20 minus 40 days is 2030-03-11: January and February have ended, March has not.
    const dropped = await dropExpiredPartitions(40, new Date(Date.UTC(2030, 3, 20)));
    expect(dropped).toContain(partitionName(new Date(Date.UTC(2030, 0, 1))));
    expect(dropped).not.toContain("alerts_p2030_03");
    const left = await pgPool().query(`SELECT "dedupeKey" FROM alerts WHERE "clusterId" = 'c' ORDER BY 1`);
    expect(left.rows.map((r) => r.dedupeKey)).toEqual(["new"]);
  });

  it("keeps alert rows inline and uncompressed: new partitions get the storage parameter, older ones by maintenance", async () => {
    await ensureAlertPartitions([new Date(Date.UTC(2032, 1, 3))]);
    const options = async (name: string) =>
      (await pgPool().query(`SELECT reloptions FROM pg_class WHERE relname = $1`, [name])).rows[0].reloptions as string[] | null;
    expect(await options("alerts_p2032_02")).toEqual(["toast_tuple_target=8160"]);
    await pgPool().query(`ALTER TABLE alerts_p2032_02 RESET (toast_tuple_target)`);
    expect(await options("alerts_p2032_02")).toBeNull();
    expect(await tunePartitionStorage()).toContain("alerts_p2032_02");
    expect(await options("alerts_p2032_02")).toEqual(["toast_tuple_target=8160"]);
    expect(await tunePartitionStorage()).toEqual([]);
  });
});
