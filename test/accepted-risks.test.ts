// Accepted risks on a real PostgreSQL: a manager accepts one edge of a workload's graph with an
// owner, a reason and an expiry; the graph labels the edge, the queue shows, hides or isolates the
// incident, posture counts it, developers of the owning team see it (others do not), it holds across
// a rollout (new pod names), and it comes back on its own at expiry — each step audited.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as risksRoute from "../app/api/v1/accepted-risks/route";
import * as riskRoute from "../app/api/v1/accepted-risks/[id]/route";
import * as kyvernoRoute from "../app/api/v1/accepted-risks/[id]/kyverno/route";
import * as workloadRoute from "../app/api/v1/workloads/[id]/route";
import * as incidentsRoute from "../app/api/v1/incidents/route";
import * as incidentRoute from "../app/api/v1/incidents/[id]/route";
import * as postureRoute from "../app/api/v1/metrics/posture/route";
import * as inventory from "../app/api/v1/inventory/route";
import { apiRequest, makeTeam, makeToken, makeUser, noParams, params } from "./fixtures";
import { postShopShell, SHOP_YAML } from "./cluster-fixture";
import { db } from "../lib/db/client";
import { sweepExpiredRisks } from "../lib/db/accepted-risks";
import { acceptedEdgeMarks } from "../lib/domain/accepted-risk";
import { stableWorkloadId } from "../lib/snapshots/workload-id";

const CLUSTER = `risk-${Date.now().toString(36)}`;
const API = "Deployment/shop/api";
const apiId = stableWorkloadId(CLUSTER, API);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

let admin: string;
let manager: string;
let analyst: string;
let shopDev: string;
let otherDev: string;
let owner: { id: string; name: string };
let team: string;
let incidentId: string;
let riskId: string;
let acceptedStep: { from: string; edge: string; to: string };

const upload = async (yaml: string) => {
  const res = await inventory.POST(
    apiRequest(`/api/v1/inventory?cluster=${CLUSTER}`, { method: "POST", token: admin, rawBody: yaml, headers: { "content-type": "application/yaml" } }),
    noParams,
  );
  expect(res.status).toBe(200);
};
const accept = (token: string, body: unknown) => risksRoute.POST(apiRequest("/api/v1/accepted-risks", { method: "POST", token, body }), noParams);
const workload = async (token = manager) => {
  const res = await workloadRoute.GET(apiRequest(`/api/v1/workloads/${apiId}`, { token }), params({ id: apiId }));
  expect(res.status).toBe(200);
  return res.json();
};
const queue = async (q = "") => {
  const res = await incidentsRoute.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}${q}`, { token: analyst }), noParams);
  expect(res.status).toBe(200);
  return (await res.json()).items as { id: string; acceptedRisk: { count: number; wholeWorkload: boolean; owner: string; until: string } | null }[];
};
const audits = (action: string) => db().auditLog.findMany({ where: { targetId: riskId, action } });

beforeAll(async () => {
  admin = (await makeToken("admin")).secret;
  manager = (await makeToken("manager")).secret;
  analyst = (await makeToken("analyst")).secret;
  team = `${CLUSTER}-shop`;
  await upload(SHOP_YAML(team));
  const teamRow = await db().team.findUniqueOrThrow({ where: { name: team } });
  const other = await makeTeam(`${CLUSTER}-other`);
  shopDev = (await makeToken("developer", { teamIds: [teamRow.id] })).secret;
  otherDev = (await makeToken("developer", { teamIds: [other.id] })).secret;
  const u = await makeUser("manager");
  owner = { id: u.id, name: u.name };
  expect((await postShopShell(CLUSTER, admin)).status).toBe(202);
  const cluster = await db().cluster.findUniqueOrThrow({ where: { name: CLUSTER } });
  incidentId = (await db().incident.findFirstOrThrow({ where: { clusterId: cluster.id, workloadKey: API } })).id;
  const w = await workload();
  // the step that leaves the pod: the container's identity (its pod name is the workload's own)
  acceptedStep = w.reachable[0].path[0];
  expect(acceptedStep.from).toMatch(/api-7d9f-x1/);
});

describe("accepting a risk", () => {
  it("stores an edge of the workload's graph by stable identifiers, audited, with owner, reason and expiry", async () => {
    const res = await accept(manager, { workloadId: apiId, edge: acceptedStep, ownerId: owner.id, reason: "Vault migration in Q1 removes the secret", expiresAt: inDays(90) });
    expect(res.status).toBe(201);
    const body = await res.json();
    riskId = body.id;
    expect(body).toMatchObject({ cluster: CLUSTER, workloadId: apiId, workload: API, state: "active", owner: { id: owner.id, name: owner.name }, team });
    expect(body.edge.from).toBe(acceptedStep.from.replace("api-7d9f-x1", "*"));
    expect(body.edge.edge).toBe(acceptedStep.edge);
    expect(body.label).toBe(`accepted until ${inDays(90).slice(0, 10)} by ${owner.name}`);
    const [entry] = await audits("accepted_risk.create");
    expect(entry.details).toMatchObject({ workload: API, owner: owner.name, reason: "Vault migration in Q1 removes the secret" });
  });

  it("refuses what is not a risk a manager can accept, naming the field", async () => {
    const cases: [unknown, number, string][] = [
      [{ workloadId: apiId, ownerId: owner.id, reason: "forever", expiresAt: inDays(400) }, 400, "at most a year"],
      [{ workloadId: apiId, ownerId: owner.id, reason: "too late", expiresAt: inDays(-1) }, 400, "in the future"],
      [{ workloadId: apiId, ownerId: owner.id, reason: "no expiry" }, 400, "expiresAt"],
      [{ workloadId: apiId, edge: { from: "Container/shop/*/api", edge: "CE_PRIV_MOUNT", to: "Node/*" }, ownerId: owner.id, reason: "made up", expiresAt: inDays(5) }, 400, "edge"],
      [{ workloadId: apiId, edge: acceptedStep, ownerId: owner.id, reason: "again", expiresAt: inDays(5) }, 409, "already accepted"],
      [{ workloadId: apiId, ownerId: "nobody", reason: "who owns it", expiresAt: inDays(5) }, 400, "ownerId"],
      [{ workloadId: apiId, reason: "a token acting for nobody", expiresAt: inDays(5) }, 400, "ownerId"],
    ];
    for (const [body, status, says] of cases) {
      const res = await accept(manager, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(await res.json())).toContain(says);
    }
    for (const token of [analyst, shopDev]) expect((await accept(token, { workloadId: apiId, ownerId: owner.id, reason: "not mine", expiresAt: inDays(5) })).status).toBe(403);
  });
});

describe("where an accepted risk shows", () => {
  it("labels the edge on the incident's graph and lists the risk on the workload", async () => {
    const res = await incidentRoute.GET(apiRequest(`/api/v1/incidents/${incidentId}`, { token: analyst }), params({ id: incidentId }));
    const detail = await res.json();
    const edge = detail.graph.edges.find((e: { from: string; edge: string; to: string }) => e.from === acceptedStep.from && e.edge === acceptedStep.edge && e.to === acceptedStep.to);
    expect(edge.accepted).toMatchObject({ id: riskId, owner: owner.name, reason: "Vault migration in Q1 removes the secret" });
    expect(detail.graph.edges.filter((e: { accepted?: unknown }) => e.accepted)).toHaveLength(1);
    expect(detail.acceptedRisks.map((r: { id: string }) => r.id)).toEqual([riskId]);
    const w = await workload();
    expect(w.acceptedRisks.map((r: { id: string }) => r.id)).toEqual([riskId]);
  });

  it("lets the queue show, hide or isolate incidents whose workload has an accepted risk", async () => {
    const shown = (await queue()).find((i) => i.id === incidentId);
    expect(shown?.acceptedRisk).toMatchObject({ count: 1, wholeWorkload: false, owner: owner.name });
    expect((await queue("&accepted=hide")).map((i) => i.id)).not.toContain(incidentId);
    expect((await queue("&accepted=only")).map((i) => i.id)).toEqual([incidentId]);
    const bad = await incidentsRoute.GET(apiRequest(`/api/v1/incidents?accepted=maybe`, { token: analyst }), noParams);
    expect(bad.status).toBe(400);
  });

  it("is counted on the cluster's posture", async () => {
    const res = await postureRoute.GET(apiRequest(`/api/v1/metrics/posture?cluster=${CLUSTER}`, { token: manager }), noParams);
    const body = await res.json();
    expect(body.points.at(-1).figures.acceptedRisks).toBe(1);
  });

  it("is seen by the owning team's developers and by no other team", async () => {
    const mine = await risksRoute.GET(apiRequest(`/api/v1/accepted-risks?cluster=${CLUSTER}`, { token: shopDev }), noParams);
    expect((await mine.json()).items.map((r: { id: string }) => r.id)).toEqual([riskId]);
    const theirs = await risksRoute.GET(apiRequest(`/api/v1/accepted-risks?cluster=${CLUSTER}`, { token: otherDev }), noParams);
    expect((await theirs.json()).items).toEqual([]);
    const one = await riskRoute.GET(apiRequest(`/api/v1/accepted-risks/${riskId}`, { token: otherDev }), params({ id: riskId }));
    expect(one.status).toBe(404);
  });

  it("holds across a rollout: the new pod's edge is the accepted one", async () => {
    await upload(SHOP_YAML(team).replaceAll("api-7d9f", "api-5c6b"));
    const w = await workload();
    expect(w.pods).toEqual(["Pod/shop/api-5c6b-x1"]);
    const marks = acceptedEdgeMarks(w.reachable, w.pods, w.acceptedRisks.map((r: { owner: { name: string } }) => ({ ...r, owner: r.owner.name })));
    expect([...marks.keys()]).toEqual([`${acceptedStep.from.replace("api-7d9f", "api-5c6b")}|${acceptedStep.edge}|${acceptedStep.to}`]);
  });

  it("exports as a Kyverno PolicyException with the expiry as its cleanup TTL", async () => {
    const res = await kyvernoRoute.GET(
      apiRequest(`/api/v1/accepted-risks/${riskId}/kyverno?policyName=disallow-privileged&ruleNames=privileged-containers,autogen-privileged-containers`, { token: manager }),
      params({ id: riskId }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("yaml");
    const doc = parse(await res.text());
    expect(doc).toMatchObject({ apiVersion: "kyverno.io/v2", kind: "PolicyException", metadata: { namespace: "shop" } });
    expect(doc.spec.exceptions).toEqual([{ policyName: "disallow-privileged", ruleNames: ["privileged-containers", "autogen-privileged-containers"] }]);
    expect(doc.metadata.labels["cleanup.kyverno.io/ttl"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}Z$/);
    const bad = await kyvernoRoute.GET(apiRequest(`/api/v1/accepted-risks/${riskId}/kyverno?policyName=Bad%20Name&ruleNames=x`, { token: manager }), params({ id: riskId }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("policyName");
  });
});

describe("expiry, renewal and revocation", () => {
  it("comes back on its own at expiry: listed as expired with its owner, the expiry audited once", async () => {
    await db().acceptedRisk.update({ where: { id: riskId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sweepExpiredRisks()).toBeGreaterThanOrEqual(1);
    await sweepExpiredRisks();
    const expired = await audits("accepted_risk.expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actorLabel: "system", details: expect.objectContaining({ owner: owner.name, workload: API }) });
    const list = await risksRoute.GET(apiRequest(`/api/v1/accepted-risks?cluster=${CLUSTER}&state=expired`, { token: manager }), noParams);
    expect((await list.json()).items).toEqual([expect.objectContaining({ id: riskId, state: "expired", owner: { id: owner.id, name: owner.name } })]);
    expect((await queue()).find((i) => i.id === incidentId)?.acceptedRisk).toBeNull();
    expect((await queue("&accepted=hide")).map((i) => i.id)).toContain(incidentId);
  });

  it("renews with a new expiry and revokes, both audited; a revoked risk stays revoked", async () => {
    const renewed = await riskRoute.PATCH(
      apiRequest(`/api/v1/accepted-risks/${riskId}`, { method: "PATCH", token: manager, body: { expiresAt: inDays(30), reason: "Vault migration slipped to Q2" } }),
      params({ id: riskId }),
    );
    expect(renewed.status).toBe(200);
    expect(await renewed.json()).toMatchObject({ state: "active", reason: "Vault migration slipped to Q2" });
    const [update] = await audits("accepted_risk.update");
    expect(update.details).toMatchObject({ before: { reason: "Vault migration in Q1 removes the secret" }, after: { reason: "Vault migration slipped to Q2" } });
    const tooFar = await riskRoute.PATCH(apiRequest(`/api/v1/accepted-risks/${riskId}`, { method: "PATCH", token: manager, body: { expiresAt: inDays(500) } }), params({ id: riskId }));
    expect(tooFar.status).toBe(400);

    const revoked = await riskRoute.DELETE(apiRequest(`/api/v1/accepted-risks/${riskId}?reason=secret+rotated`, { method: "DELETE", token: manager }), params({ id: riskId }));
    expect(await revoked.json()).toMatchObject({ state: "revoked", revokedBy: expect.any(String) });
    expect(await audits("accepted_risk.revoke")).toHaveLength(1);
    const again = await riskRoute.PATCH(apiRequest(`/api/v1/accepted-risks/${riskId}`, { method: "PATCH", token: manager, body: { expiresAt: inDays(10) } }), params({ id: riskId }));
    expect(again.status).toBe(409);
    expect((await queue("&accepted=only")).map((i) => i.id)).toEqual([]);
  });

  it("accepts a whole workload, which the queue then hides", async () => {
    const res = await accept(manager, { workloadId: apiId, ownerId: owner.id, reason: "batch job, decommissioned next sprint", expiresAt: inDays(14) });
    expect(res.status).toBe(201);
    expect((await res.json()).edge).toBeNull();
    expect((await queue()).find((i) => i.id === incidentId)?.acceptedRisk).toMatchObject({ wholeWorkload: true });
    expect((await queue("&accepted=hide")).map((i) => i.id)).not.toContain(incidentId);
  });
});
