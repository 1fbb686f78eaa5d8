import { describe, expect, it } from "vitest";
import { falcoRule, makeFalcoEvent } from "../demo/synthetic-falco";
import { normalizeBody } from "./normalize-batch";
import { normalizeBodyText } from "./normalize-pool";

const events = Array.from({ length: 300 }, (_, i) =>
  makeFalcoEvent(falcoRule("Read sensitive file untrusted"), {
    time: new Date(Date.UTC(2026, 10, 1, 0, 0, 0, i)),
    hostname: "node-w",
    namespace: "pool",
    pod: `p-${i % 4}`,
    fields: { "proc.cmdline": `psql postgres://app:s3cret-${i}@db/prod` },
  }),
);

describe("normalizeBodyText", () => {
  it("gives on a worker thread exactly what the main thread gives, masking included", async () => {
    const body = JSON.stringify([...events, { rule: "no time" }]);
    expect(body.length).toBeGreaterThan(64 * 1024);
    const onWorker = await normalizeBodyText("falco", body, "", 1);
    expect(onWorker).toEqual(normalizeBody("falco", body, []));
    if ("fatal" in onWorker) throw new Error(onWorker.fatal);
    expect(onWorker.alerts).toHaveLength(300);
    expect(onWorker.alerts[0].time).toBeInstanceOf(Date);
    expect(onWorker.rejected.map((r) => r.index)).toEqual([300]);
    expect(JSON.stringify(onWorker.alerts)).not.toContain("s3cret");
  });

  it("reports a body that is neither JSON nor NDJSON as fatal", async () => {
    const junk = `{"a": ${"x".repeat(70 * 1024)}`;
    expect(await normalizeBodyText("falco", junk, "", 1)).toMatchObject({ fatal: expect.stringMatching(/JSON/) });
  });
});
