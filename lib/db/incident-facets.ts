// The values the queue's filters offer: clusters, namespaces, teams and MITRE tactics that
// occur on incidents the caller may see.
import type { TIncidentFacets } from "../incidents/queue-filters";
import { pgPool } from "./pg";

const LIMIT = 500;

export async function incidentFacets(teamIds?: string[]): Promise<TIncidentFacets> {
  const scope = teamIds ? `AND i."teamId" = ANY($1::text[])` : "";
  const args = teamIds ? [teamIds] : [];
  const values = async (select: string, join = "") => {
    const sql = `SELECT DISTINCT ${select} AS v FROM incidents i ${join} WHERE i."mergedIntoId" IS NULL ${scope} ORDER BY 1 LIMIT ${LIMIT}`;
    const res = await pgPool().query(sql, args);
    return res.rows.map((r: { v: string | null }) => r.v).filter((v): v is string => typeof v === "string" && v !== "");
  };
  const [clusters, namespaces, teams, tactics] = await Promise.all([
    values("c.name", `JOIN clusters c ON c.id = i."clusterId"`),
    values("i.namespace"),
    values("t.name", `JOIN teams t ON t.id = i."teamId"`),
    values(`unnest(i."mitreTactics")`),
  ]);
  return { clusters, namespaces, teams, tactics };
}
