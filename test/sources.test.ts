// The Sources page's data: each sensor's last event and volume, silent sensors, stale inventories.
import { afterEach, describe, expect, it } from "vitest";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import { apiRequest, makeToken, params } from "./fixtures";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";
import { sourceHealth } from "../lib/sources/source-health";
import { db } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";

afterEach(() => {
  delete process.env.SOURCE_SILENT_MINUTES;
  resetEnvCache();
});

describe("sourceHealth", () => {
  it("lists a sensor after it sends, counts its events, and flags it silent once quiet too long", async () => {
    const token = (await makeToken("ingest")).secret;
    const events = [0, 1, 2].map((i) =>
      makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.now() - i * 1000), hostname: "n1", namespace: "a", pod: `p${i}` }),
    );
    const res = await alertsRoute.POST(
      apiRequest("/api/v1/alerts/falco?cluster=src-a", { method: "POST", token, rawBody: JSON.stringify(events) }),
      params({ source: "falco" }),
    );
    expect(res.status).toBe(202);
    let health = await sourceHealth();
    const row = health.sources.find((s) => s.cluster === "src-a")!;
    expect(row).toMatchObject({ source: "falco", eventsLastHour: 3, eventsLastDay: 3, silent: false });
    expect(health.inventories.find((i) => i.cluster === "src-a")).toMatchObject({ snapshotAt: null, stale: true });

    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "src-a" } });
    await db().$executeRawUnsafe(`UPDATE alerts SET "receivedAt" = now() - interval '3 hours' WHERE "clusterId" = $1`, cluster.id);
    health = await sourceHealth();
    // silence goes by when events arrived; the counts by the events' own time
    expect(health.sources.find((s) => s.cluster === "src-a")).toMatchObject({ eventsLastHour: 3, silent: true });
  });

  it("counts a replayed week by the events' own time: received now, but not 'the last hour'", async () => {
    const token = (await makeToken("ingest")).secret;
    const events = [1, 2, 3, 4, 5, 6].map((d) =>
      makeFalcoEvent(falcoRule("Terminal shell in container"), { time: new Date(Date.now() - d * 86_400_000 + 60_000), hostname: "n1", namespace: "a", pod: `p${d}` }),
    );
    const res = await alertsRoute.POST(apiRequest("/api/v1/alerts/falco?cluster=src-replay", { method: "POST", token, rawBody: JSON.stringify(events) }), params({ source: "falco" }));
    expect(res.status).toBe(202);
    const row = (await sourceHealth()).sources.find((s) => s.cluster === "src-replay");
    expect(row).toMatchObject({ eventsLastHour: 0, eventsLastDay: 1, silent: false });
  });
});
