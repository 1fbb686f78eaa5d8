// The production build normalizes large alert batches on worker threads (no fallback to the main
// thread exists): if the workers could not find their source, these batches would be refused.
import { expect, test } from "@playwright/test";
import { ADMIN_AUTH } from "./helpers";

const events = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    output: `Warning Sensitive file opened for reading (file=/etc/shadow command=cat token=sekrit-${tag}-${i} ${"x".repeat(200)})`,
    priority: "Warning",
    rule: "Read sensitive file untrusted",
    time: new Date(Date.now() - 60_000 + i).toISOString(),
    source: "syscall",
    hostname: `e2e-workers-${tag}`,
    tags: ["T1555"],
    output_fields: { "k8s.ns.name": "e2e-workers", "k8s.pod.name": `w-${i % 3}`, "proc.cmdline": `cat /etc/shadow token=sekrit-${tag}-${i}` },
  }));

test("a JSON batch over 64 KB and an NDJSON stream are normalized on the production build's workers", async ({ request }) => {
  const json = events(400, "json");
  expect(JSON.stringify(json).length).toBeGreaterThan(64 * 1024);
  const res = await request.post("/api/v1/alerts/falco?cluster=e2e-workers", { headers: ADMIN_AUTH, data: json });
  expect(res.status(), await res.text()).toBe(202);
  expect(await res.json()).toMatchObject({ accepted: 400, rejected: [] });

  const ndjson = events(400, "ndjson").map((e) => JSON.stringify(e)).join("\n");
  const res2 = await request.post("/api/v1/alerts/falco?cluster=e2e-workers", {
    headers: { ...ADMIN_AUTH, "content-type": "application/x-ndjson" },
    data: Buffer.from(ndjson),
  });
  expect(res2.status(), await res2.text()).toBe(202);
  expect(await res2.json()).toMatchObject({ accepted: 400, rejected: [] });

  const list = await (await request.get("/api/v1/incidents?cluster=e2e-workers&limit=50", { headers: ADMIN_AUTH })).json();
  expect(list.items.length).toBeGreaterThan(0);
  expect(JSON.stringify(list)).not.toContain("sekrit-");
});
