// Ownership on a real PostgreSQL: every workload with its owner and how that was decided, unowned
// first by blast radius; a manager's rule for a namespace or one workload applies at once (the
// workload, its open incidents, that team's developers) and to later snapshots, is audited, and
// when removed gives the workload back to the inventory's Team documents.
import { beforeAll, describe, expect, it } from "vitest";
import * as ownership from "../app/api/v1/ownership/route";
import * as rules from "../app/api/v1/ownership/rules/route";
import * as rule from "../app/api/v1/ownership/rules/[id]/route";
import * as workload from "../app/api/v1/workloads/[id]/route";
import * as inventory from "../app/api/v1/inventory/route";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import { apiRequest, makeTeam, makeToken, noParams, params } from "./fixtures";
import { SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";
import { stableWorkloadId } from "../lib/snapshots/workload-id";

const CLUSTER = `own-${Date.now().toString(36)}`;
let admin: string;
let manager: string;
let analyst: string;
let docTeam: string;
let rulesTeam: { id: string; name: string };
let webIncident: string;

const upload = async () => {
  const res = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: SHOP_YAML(docTeam), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(res.status).toBe(200);
};
const list = async (q = "") => {
  const res = await ownership.GET(apiRequest(`/api/v1/ownership?cluster=${CLUSTER}${q}`, { token: manager }), noParams);
  return { status: res.status, body: await res.json() };
};
const setRule = (token: string, body: unknown) => rules.POST(apiRequest("/api/v1/ownership/rules", { method: "POST", token, body }), noParams);
const row = (body: { items: { workload: string }[] }, key: string) => body.items.find((i) => i.workload === key) as Record<string, unknown>;

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  manager = (await makeToken("manager")).secret;
  analyst = (await makeToken("analyst")).secret;
  docTeam = `${CLUSTER}-doc`;
  rulesTeam = await makeTeam(`${CLUSTER}-rules`);
  await upload();
  const event = makeFalcoEvent(falcoRule("Terminal shell in container"), {
    time: new Date(Date.now() - 60_000),
    hostname: `${CLUSTER}-node`,
    namespace: "web",
    pod: "static-web",
    container: "web",
    image: "nginx:1.27",
  });
  const res = await alertsRoute.POST(apiRequest(`/api/v1/alerts/falco?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: JSON.stringify(event) }), params({ source: "falco" }));
  expect(res.status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  webIncident = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, workloadKey: "Pod/web/static-web" } })).id;
});

describe("GET /api/v1/ownership", () => {
  it("lists unowned workloads first, with how each owner was decided, and counts them", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.items.map((i: { workload: string }) => i.workload)).toEqual(["Pod/web/static-web", "Deployment/shop/api"]);
    expect(row(body, "Pod/web/static-web")).toMatchObject({ team: null, source: null, id: stableWorkloadId(CLUSTER, "Pod/web/static-web") });
    expect(row(body, "Deployment/shop/api")).toMatchObject({ team: docTeam, source: "team_namespace", inventoryTeam: docTeam, ruleId: null });
    expect(body.summary).toMatchObject({ workloads: 2, unowned: 1, unownedCritical: 0, bySource: { none: 1, team_namespace: 1 } });
    expect((await list("&team=none")).body.items.map((i: { workload: string }) => i.workload)).toEqual(["Pod/web/static-web"]);
    expect((await list("&source=team_namespace")).body.total).toBe(1);
  });

  it("is for managers and admins only, and names a bad filter", async () => {
    const res = await ownership.GET(apiRequest(`/api/v1/ownership`, { token: analyst }), noParams);
    expect(res.status).toBe(403);
    const bad = await ownership.GET(apiRequest(`/api/v1/ownership?source=guess`, { token: manager }), noParams);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("source");
  });
});

describe("ownership rules", () => {
  it("a namespace rule owns its workloads and open incidents at once, and that team's developer sees them", async () => {
    const dev = (await makeToken("developer", { teamIds: [rulesTeam.id] })).secret;
    const id = stableWorkloadId(CLUSTER, "Pod/web/static-web");
    expect((await workload.GET(apiRequest(`/api/v1/workloads/${id}`, { token: dev }), params({ id }))).status).toBe(404);

    const res = await setRule(manager, { cluster: CLUSTER, namespace: "web", team: rulesTeam.name, reason: "web is ours since the re-org" });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made).toMatchObject({ changed: 1, rule: { cluster: CLUSTER, namespace: "web", workloadKey: null, team: rulesTeam.name } });

    const { body } = await list();
    expect(row(body, "Pod/web/static-web")).toMatchObject({ team: rulesTeam.name, source: "namespace_rule", ruleId: made.rule.id });
    expect((await db().incident.findUniqueOrThrow({ where: { id: webIncident } })).teamId).toBe(rulesTeam.id);
    expect((await workload.GET(apiRequest(`/api/v1/workloads/${id}`, { token: dev }), params({ id }))).status).toBe(200);
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetType: "ownership_rule", targetId: made.rule.id } });
    expect(audit).toMatchObject({ action: "ownership.rule_set" });
    expect(audit.details).toMatchObject({ namespace: "web", team: rulesTeam.name, workloadsChanged: 1 });
  });

  it("a workload rule overrides the Team documents, survives a new snapshot, and when removed gives the workload back", async () => {
    const res = await setRule(manager, { cluster: CLUSTER, namespace: "shop", workload: "Deployment/shop/api", team: rulesTeam.name });
    expect(res.status).toBe(201);
    const { rule: made } = await res.json();
    expect(row((await list()).body, "Deployment/shop/api")).toMatchObject({ team: rulesTeam.name, source: "workload_rule", inventoryTeam: docTeam });

    await upload(); // a new snapshot: the Team document still says docTeam, the rule still decides
    expect(row((await list()).body, "Deployment/shop/api")).toMatchObject({ team: rulesTeam.name, source: "workload_rule" });
    expect(row((await list()).body, "Pod/web/static-web")).toMatchObject({ team: rulesTeam.name, source: "namespace_rule" });

    const del = await rule.DELETE(apiRequest(`/api/v1/ownership/rules/${made.id}`, { method: "DELETE", token: manager }), params({ id: made.id }));
    expect(del.status).toBe(200);
    expect((await del.json()).changed).toBe(1);
    expect(row((await list()).body, "Deployment/shop/api")).toMatchObject({ team: docTeam, source: "team_namespace", ruleId: null });
    expect(await db().auditLog.count({ where: { targetId: made.id, action: "ownership.rule_removed" } })).toBe(1);
    const again = await rule.DELETE(apiRequest(`/api/v1/ownership/rules/${made.id}`, { method: "DELETE", token: manager }), params({ id: made.id }));
    expect(again.status).toBe(404);
  });

  it("refuses what it cannot apply, naming it, and changes nothing", async () => {
    const before = await db().ownershipRule.count();
    const cases: [unknown, number, string][] = [
      [{ cluster: CLUSTER, namespace: "web", team: "no-such-team" }, 404, "team no-such-team"],
      [{ cluster: "no-such-cluster", namespace: "web", team: rulesTeam.name }, 404, "cluster no-such-cluster"],
      [{ cluster: CLUSTER, namespace: "Web!", team: rulesTeam.name }, 400, "namespace"],
      [{ cluster: CLUSTER, namespace: "web", workload: "Deployment/shop/api", team: rulesTeam.name }, 400, "workload"],
      [{ cluster: CLUSTER, namespace: "shop", workload: "Deployment/shop/nope", team: rulesTeam.name }, 404, "Deployment/shop/nope"],
    ];
    for (const [body, status, names] of cases) {
      const res = await setRule(manager, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await res.json())).toContain(names);
    }
    expect((await setRule(analyst, { cluster: CLUSTER, namespace: "web", team: rulesTeam.name })).status).toBe(403);
    expect(await db().ownershipRule.count()).toBe(before);
  });
});
