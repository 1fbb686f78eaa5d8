// Which sensors went silent and which inventories went stale: the rules of the Sources page.
import { env } from "../env";
import { listClusterInventories, listSources, type TClusterInventoryRow } from "../db/sources";

/** A live inventory more than this behind the changes it received is flagged "behind". */
export const LIVE_BEHIND_SECONDS = 60;
/** Changes within this window make an inventory live (a collector in --watch mode); else periodic. */
const LIVE_WINDOW_MS = 15 * 60_000;

/**
 * Live (changes streamed by a collector's watch) or periodic (full uploads). For live: the lag —
 * how long the oldest change not yet applied has waited, or, when all are applied, how long the
 * newest one took to reach the stored blast radius.
 */
export function inventoryMode(
  i: Pick<TClusterInventoryRow, "live" | "lastChangeAt" | "pendingChanges" | "oldestPendingAt" | "snapshotAt" | "snapshotChangeAt">,
  now: Date,
): { mode: "live"; lagSeconds: number } | { mode: "periodic"; lagSeconds: null } {
  const recent = i.lastChangeAt && now.getTime() - new Date(i.lastChangeAt).getTime() < LIVE_WINDOW_MS;
  if (!i.live && !recent) return { mode: "periodic", lagSeconds: null };
  const lagMs =
    i.pendingChanges > 0 && i.oldestPendingAt
      ? now.getTime() - new Date(i.oldestPendingAt).getTime()
      : i.snapshotAt && i.snapshotChangeAt
        ? new Date(i.snapshotAt).getTime() - new Date(i.snapshotChangeAt).getTime()
        : 0;
  return { mode: "live", lagSeconds: Math.max(0, Math.round(lagMs / 100) / 10) };
}

export async function sourceHealth(now = new Date()) {
  const e = env();
  const [sources, inventories] = await Promise.all([listSources(), listClusterInventories()]);
  const silentBefore = now.getTime() - e.SOURCE_SILENT_MINUTES * 60_000;
  const staleBefore = now.getTime() - e.INVENTORY_STALE_HOURS * 3_600_000;
  return {
    silentAfterMinutes: e.SOURCE_SILENT_MINUTES,
    staleAfterHours: e.INVENTORY_STALE_HOURS,
    sources: sources.map((s) => ({ ...s, silent: !s.lastReceivedAt || new Date(s.lastReceivedAt).getTime() < silentBefore })),
    behindAfterSeconds: LIVE_BEHIND_SECONDS,
    inventories: inventories.map((i) => {
      const live = inventoryMode(i, now);
      return { ...i, ...live, stale: live.mode === "live" ? live.lagSeconds > LIVE_BEHIND_SECONDS : !i.snapshotAt || new Date(i.snapshotAt).getTime() < staleBefore };
    }),
  };
}
