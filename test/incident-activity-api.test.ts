// GET /api/v1/incidents/{id}/activity and GET /api/v1/users/assignable on a real PostgreSQL:
// every reader of an incident sees its comments and changes newest first, with assignees named;
// another team's incident is a 404; the assign picker lists enabled users for triage roles only.
import { beforeAll, describe, expect, it } from "vitest";
import * as one from "../app/api/v1/incidents/[id]/route";
import * as activity from "../app/api/v1/incidents/[id]/activity/route";
import * as assignable from "../app/api/v1/users/assignable/route";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeTeam, makeToken, makeUser, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

let admin: string;
let analyst: string;
let manager: string;
let devIn: string;
let devOut: string;
let incidentId: string;
let assigneeId: string;

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  manager = (await makeToken("manager")).secret;
  await inventory.POST(
    apiRequest("/api/v1/inventory?cluster=activity", { method: "POST", token: admin, rawBody: SHOP_YAML("activity-team"), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  const event = makeFalcoEvent(falcoRule("Terminal shell in container"), {
    time: new Date(Date.UTC(2026, 10, 24, 9, 0)),
    hostname: "node-a",
    namespace: "shop",
    pod: "api-7d9f-x1",
    container: "c",
    image: "i:1",
  });
  const res = await alertsRoute.POST(apiRequest("/api/v1/alerts/falco?cluster=activity", { method: "POST", token: admin, rawBody: JSON.stringify([event]) }), params({ source: "falco" }));
  expect(res.status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: "activity" } });
  incidentId = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id } })).id;
  const team = await db().team.findUniqueOrThrow({ where: { name: "activity-team" } });
  devIn = (await makeToken("developer", { teamIds: [team.id] })).secret;
  devOut = (await makeToken("developer", { teamIds: [(await makeTeam()).id] })).secret;
  assigneeId = (await makeUser("analyst")).id;
});

const patch = (token: string, body: unknown) => one.PATCH(apiRequest(`/api/v1/incidents/${incidentId}`, { method: "PATCH", token, body }), params({ id: incidentId }));
const getActivity = async (token: string, id = incidentId) => {
  const res = await activity.GET(apiRequest(`/api/v1/incidents/${id}/activity`, { token }), params({ id }));
  return { status: res.status, body: await res.json() };
};

describe("GET /api/v1/incidents/{id}/activity", () => {
  it("lists comments and changes newest first, naming the assignee, for every reader of the incident", async () => {
    expect((await patch(analyst, { assigneeId })).status).toBe(200);
    expect((await patch(analyst, { status: "contained" })).status).toBe(200);
    expect((await patch(devIn, { comment: "expected: <b>our</b> migration job" })).status).toBe(200);
    for (const token of [analyst, manager, devIn]) {
      const { status, body } = await getActivity(token);
      expect(status).toBe(200);
      expect(body.items.map((e: { action: string }) => e.action)).toEqual(["incident.comment", "incident.status", "incident.assign"]);
      expect(body.items[0].details).toEqual({ text: "expected: <b>our</b> migration job" });
      expect(body.items[1].details).toEqual({ from: "new", to: "contained" });
      expect(body.items[2].details).toMatchObject({ from: null, to: assigneeId, toName: "analyst user" });
      expect(body.items[0]).not.toHaveProperty("ip");
      expect(Date.parse(body.items[0].at)).not.toBeNaN();
    }
  });

  it("is a 404 for another team's developer and for an unknown incident, 401 without credentials", async () => {
    expect((await getActivity(devOut)).status).toBe(404);
    expect((await getActivity(analyst, "no-such-incident")).status).toBe(404);
    expect((await getActivity("")).status).toBe(401);
  });
});

describe("GET /api/v1/users/assignable", () => {
  it("lists enabled users by name for roles that triage, and nobody's e-mail to others", async () => {
    const disabled = await makeUser("analyst");
    await db().user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const res = await assignable.GET(apiRequest("/api/v1/users/assignable", { token: analyst }), noParams);
    expect(res.status).toBe(200);
    const ids = (await res.json()).items.map((u: { id: string }) => u.id);
    expect(ids).toContain(assigneeId);
    expect(ids).not.toContain(disabled.id);
    for (const token of [manager, devIn]) {
      expect((await assignable.GET(apiRequest("/api/v1/users/assignable", { token }), noParams)).status).toBe(403);
    }
  });
});
