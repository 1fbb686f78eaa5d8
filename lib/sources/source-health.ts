// Which sensors went silent and which inventories went stale: the rules of the Sources page.
import { env } from "../env";
import { listClusterInventories, listSources } from "../db/sources";

export async function sourceHealth(now = new Date()) {
  const e = env();
  const [sources, inventories] = await Promise.all([listSources(), listClusterInventories()]);
  const silentBefore = now.getTime() - e.SOURCE_SILENT_MINUTES * 60_000;
  const staleBefore = now.getTime() - e.INVENTORY_STALE_HOURS * 3_600_000;
  return {
    silentAfterMinutes: e.SOURCE_SILENT_MINUTES,
    staleAfterHours: e.INVENTORY_STALE_HOURS,
    sources: sources.map((s) => ({ ...s, silent: !s.lastReceivedAt || new Date(s.lastReceivedAt).getTime() < silentBefore })),
    inventories: inventories.map((i) => ({ ...i, stale: !i.snapshotAt || new Date(i.snapshotAt).getTime() < staleBefore })),
  };
}
