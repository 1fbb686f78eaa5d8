// Loads the demo cluster into an empty demo database, so a new user sees a real ranking.
import { currentSnapshotIdOf } from "../db/snapshots";
import { ingestInventory, type TIngestResult } from "../ingest/ingest-inventory";
import { buildDemoInventory, DEMO_CLUSTER } from "./build-demo-inventory";
import { loadDemoSources } from "./load-demo-sources";

export async function seedDemoInventory(): Promise<TIngestResult | null> {
  if (await currentSnapshotIdOf(DEMO_CLUSTER)) return null;
  const text = buildDemoInventory(loadDemoSources());
  return ingestInventory("system", DEMO_CLUSTER, { name: "demo", text, format: "json" }, null);
}
