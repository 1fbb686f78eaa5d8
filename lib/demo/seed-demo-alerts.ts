// Loads a week of demo alerts once, right after the demo cluster's inventory.
import { ingestAlerts } from "../incidents/ingest-alerts";
import { buildDemoInventory, DEMO_CLUSTER } from "./build-demo-inventory";
import { demoFalcoEvents } from "./demo-alerts";
import { loadDemoSources } from "./load-demo-sources";

export async function seedDemoAlerts(now = new Date()) {
  const events = demoFalcoEvents(buildDemoInventory(loadDemoSources()), now);
  return ingestAlerts("system", DEMO_CLUSTER, "falco", events.map((value, index) => ({ index, value })));
}
