// CSV exports on a real PostgreSQL: the queue with its filters, ownership, response times and SLAs,
// each a download whose formula-like text cells are escaped and whose numbers stay numbers.
import { beforeAll, describe, expect, it } from "vitest";
import * as incidents from "../app/api/v1/incidents/route";
import * as ownership from "../app/api/v1/ownership/route";
import * as response from "../app/api/v1/metrics/response/route";
import * as sla from "../app/api/v1/sla/route";
import { apiRequest, makeTeam, makeToken, noParams } from "./fixtures";
import { db } from "../lib/db/client";

let manager: string;
const CLUSTER = `csv-${Date.now().toString(36)}`;

beforeAll(async () => {
  manager = (await makeToken("manager")).secret;
  const team = await makeTeam();
  const cluster = await db().cluster.create({ data: { name: CLUSTER } });
  const base = { clusterId: cluster.id, workloadKind: "Deployment", namespace: "csv", teamId: team.id, severity: "warning", severityRank: 4, tier: "critical" };
  await db().incident.create({
    data: { ...base, workloadKey: "Deployment/csv/-evil", workloadName: "-evil", title: '=HYPERLINK("http://x","y")', score: -0, firstSeen: new Date(Date.now() - 30 * 60_000), lastSeen: new Date() },
  });
  await db().incident.create({ data: { ...base, workloadKey: "Deployment/csv/plain", workloadName: "plain", title: "Terminal shell", score: 42.5, firstSeen: new Date(), lastSeen: new Date() } });
});

const text = async (res: Response) => {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z-]+\.csv"$/);
  return res.text();
};
const rowsOf = (csv: string) => csv.trimEnd().split("\r\n");

describe("CSV exports", () => {
  it("exports the queue with its filters, formulas escaped and numbers kept", async () => {
    const csv = await text(await incidents.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}&format=csv`, { token: manager }), noParams));
    const rows = rowsOf(csv);
    expect(rows[0].split(",").slice(0, 5)).toEqual(["id", "score", "severity", "title", "status"]);
    expect(rows).toHaveLength(3); // the header and this cluster's two incidents only
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain(",'-evil,");
    expect(rows[1]).toMatch(/^[^,]+,42\.5,warning,Terminal shell,new,critical,acknowledge,/);
    const filtered = rowsOf(await text(await incidents.GET(apiRequest(`/api/v1/incidents?cluster=${CLUSTER}&q=plain&format=csv`, { token: manager }), noParams)));
    expect(filtered).toHaveLength(2);
  });

  it("exports ownership, response times and SLAs", async () => {
    const own = rowsOf(await text(await ownership.GET(apiRequest("/api/v1/ownership?format=csv", { token: manager }), noParams)));
    expect(own[0]).toBe("cluster,namespace,kind,name,team,decided by,inventory team,blast radius,critical assets reachable,high assets reachable,workload id");
    const rt = rowsOf(await text(await response.GET(apiRequest("/api/v1/metrics/response?groupBy=tier&format=csv", { token: manager }), noParams)));
    expect(rt[0]).toContain("group,week,incidents,open,false positives,mtta median (min),mtta p90 (min),mtta n");
    expect(rt.some((r) => r.startsWith("critical,all,"))).toBe(true);
    const s = await text(await sla.GET(apiRequest("/api/v1/sla?format=csv", { token: manager }), noParams));
    expect(rowsOf(s)[0]).toBe("state,id,title,tier,cluster,namespace,workload,team,assignee,clock,due,target (min),minutes left");
    expect(s).toMatch(/\r\nbreached,[^,]+,"'=HYPERLINK/);
  });
});
