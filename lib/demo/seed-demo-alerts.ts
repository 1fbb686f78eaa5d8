// Loads a week of demo alerts once, right after the demo cluster's inventory, and the triage the
// demo analyst did on the older incidents (so response times have something to show).
import { demoIncidents, writeDemoTriage } from "../db/demo-triage";
import { ingestAlerts } from "../incidents/ingest-alerts";
import { buildDemoInventory, DEMO_CLUSTER } from "./build-demo-inventory";
import { demoFalcoEvents, demoHistoryEvents } from "./demo-alerts";
import { loadDemoSources } from "./load-demo-sources";
import { planDemoTriage } from "./plan-demo-triage";

export const DEMO_ANALYST = "analyst@demo.blastradius.dev";

export async function seedDemoAlerts(now = new Date()) {
  const inventory = buildDemoInventory(loadDemoSources());
  const asBatch = (events: Record<string, unknown>[]) => events.map((value, index) => ({ index, value }));
  // the earlier weeks first, all closed, so this week's alerts open incidents of their own
  const history = await ingestAlerts("system", DEMO_CLUSTER, "falco", asBatch(demoHistoryEvents(inventory, now)));
  const closed = planDemoTriage(await demoIncidents(DEMO_CLUSTER), now, true);
  await writeDemoTriage(closed, DEMO_ANALYST);
  const result = await ingestAlerts("system", DEMO_CLUSTER, "falco", asBatch(demoFalcoEvents(inventory, now)));
  const worked = planDemoTriage(await demoIncidents(DEMO_CLUSTER), now);
  await writeDemoTriage(worked, DEMO_ANALYST);
  return { ...result, accepted: result.accepted + history.accepted, triaged: closed.length + worked.length };
}
