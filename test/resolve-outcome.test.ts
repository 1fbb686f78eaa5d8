// Finishing a case on a real PostgreSQL: resolving records a verdict and an outcome with the note;
// the queue shows how each closed incident ended and the managers' response metrics count them.
import { beforeAll, describe, expect, it } from "vitest";
import * as one from "../app/api/v1/incidents/[id]/route";
import * as list from "../app/api/v1/incidents/route";
import * as inventory from "../app/api/v1/inventory/route";
import * as metrics from "../app/api/v1/metrics/response/route";
import { apiRequest, makeToken, makeUser, noParams, params } from "./fixtures";
import { postShopShell, SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";

const CLUSTER = `outcome-${Date.now().toString(36)}`;
let analyst: string;
let manager: string;
let incidentId: string;

const patch = (body: unknown) => one.PATCH(apiRequest(`/api/v1/incidents/${incidentId}`, { method: "PATCH", token: analyst, body }), params({ id: incidentId }));

beforeAll(async () => {
  const admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  manager = (await makeToken("manager")).secret;
  const up = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: SHOP_YAML(`${CLUSTER}-shop`), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(up.status).toBe(200);
  expect((await postShopShell(CLUSTER, admin)).status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  incidentId = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } })).id;
});

describe("resolving with an outcome", () => {
  it("refuses an outcome it does not know, naming the field", async () => {
    const res = await patch({ status: "resolved", disposition: { verdict: "true_positive", outcome: "duplicate", reason: "same as the other one" } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/outcome/);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("new");
  });

  it("records verdict, outcome and note; the queue and the response metrics show how it ended", async () => {
    const res = await patch({ status: "resolved", disposition: { verdict: "true_positive", outcome: "contained", reason: "pod replaced, token rotated" } });
    expect(res.status).toBe(200);
    const stored = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(stored.disposition).toMatchObject({ verdict: "true_positive", outcome: "contained", reason: "pod replaced, token rotated" });
    const items = (await (await list.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}&status=resolved`, { token: analyst }), noParams)).json()).items;
    expect(items.map((i: { closedAs: unknown }) => i.closedAs)).toEqual([{ verdict: "true_positive", outcome: "contained" }]);
    const team = `${CLUSTER}-shop`;
    const body = await (await metrics.GET(apiRequest(`/api/v1/metrics/response?groupBy=team`, { token: manager }), noParams)).json();
    const group = body.groups.find((g: { group: string }) => g.group === team);
    expect(group.closedAs).toEqual({ truePositive: 1, benign: 0, falsePositive: 0, contained: 1, noActionNeeded: 0, other: 0, unrecorded: 0 });
  });

  it("names who closed it: a person by their name (the e-mail stays in `by`), a token by its label", async () => {
    const read = async () => (await (await one.GET(apiRequest(`/api/v1/incidents/${incidentId}`, { token: analyst }), params({ id: incidentId }))).json()).disposition;
    // closed through the API with a token: no person behind the label
    expect(await read()).toMatchObject({ verdict: "true_positive", byName: null });
    const person = await makeUser("analyst");
    const stored = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    await db().incident.update({ where: { id: incidentId }, data: { disposition: { ...(stored.disposition as object), by: person.email.toUpperCase() } } });
    expect(await read()).toMatchObject({ by: person.email.toUpperCase(), byName: person.name });
  });
});
