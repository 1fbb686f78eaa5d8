// Escalation on a real PostgreSQL: a developer flags an incident of their team with a note; the
// analysts' queue shows it and filters on it; the change is audited and announced with NOTIFY
// (delivered once committed); only triage roles clear it; another team's developer cannot touch it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as one from "../app/api/v1/incidents/[id]/route";
import * as list from "../app/api/v1/incidents/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { postShopShell, uploadShopCluster } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { pgPool } from "../lib/db/pg";
import type pg from "pg";

const CLUSTER = `esc-${Date.now().toString(36)}`;
let analyst: string;
let developer: string;
let outsider: string;
let incidentId: string;
let listener: pg.PoolClient;
const notes: string[] = [];

const patch = (token: string, body: unknown) => one.PATCH(apiRequest(`/api/v1/incidents/${incidentId}`, { method: "PATCH", token, body }), params({ id: incidentId }));
const queue = async (q: string) => (await (await list.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}&${q}`, { token: analyst }), noParams)).json()).items;

beforeAll(async () => {
  const admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  ({ developer, outsider } = await uploadShopCluster(CLUSTER, admin));
  expect((await postShopShell(CLUSTER, admin)).status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  incidentId = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, workloadKey: "Deployment/shop/api" } })).id;
  listener = await pgPool().connect();
  listener.on("notification", (n) => {
    if (n.channel === "incident_escalated" && n.payload?.includes(incidentId)) notes.push(n.payload);
  });
  await listener.query("LISTEN incident_escalated");
});

afterAll(async () => {
  await listener?.query("UNLISTEN *");
  listener?.release();
});

describe("escalation", () => {
  it("needs a note, and is not another team's developer's to make", async () => {
    const bare = await patch(developer, { escalation: { note: "" } });
    expect(bare.status).toBe(400);
    expect((await bare.json()).error.message).toMatch(/say why you escalate/);
    expect((await patch(outsider, { escalation: { note: "not ours" } })).status).toBe(404);
    expect(await queue("escalated=only")).toEqual([]);
  });

  it("a developer escalates: the queue shows it with the note, filters on it, and the change is audited and announced", async () => {
    const res = await patch(developer, { escalation: { note: "not us: nothing of ours runs a shell" } });
    expect(res.status).toBe(200);
    const only = await queue("escalated=only");
    expect(only.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    expect(only[0].escalation).toMatchObject({ note: "not us: nothing of ours runs a shell", by: expect.any(String) });
    expect(await queue("escalated=hide")).toEqual([]);
    const audit = await db().auditLog.findMany({ where: { targetId: incidentId, action: "incident.escalate" } });
    expect(audit.map((a) => a.details)).toEqual([{ note: "not us: nothing of ours runs a shell" }]);
    await expect.poll(() => notes.length).toBe(1);
    expect(JSON.parse(notes[0])).toMatchObject({ incidentId, cluster: CLUSTER });
    // once is enough: a second escalation is refused and the first note kept
    const again = await patch(developer, { escalation: { note: "and another thing" } });
    expect(again.status).toBe(409);
    expect((await queue("escalated=only"))[0].escalation.note).toBe("not us: nothing of ours runs a shell");
  });

  it("only triage roles clear it; clearing is audited", async () => {
    expect((await patch(developer, { escalation: null })).status).toBe(403);
    const res = await patch(analyst, { escalation: null });
    expect(res.status).toBe(200);
    expect(await queue("escalated=only")).toEqual([]);
    expect(await db().auditLog.count({ where: { targetId: incidentId, action: "incident.escalation_cleared" } })).toBe(1);
    expect((await patch(analyst, { escalation: null })).status).toBe(409);
  });

  it("a closed incident cannot be escalated", async () => {
    expect((await patch(analyst, { status: "false_positive", disposition: { verdict: "false_positive", reason: "test" } })).status).toBe(200);
    const res = await patch(developer, { escalation: { note: "this looks bad" } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/cannot be escalated/);
  });
});
