// The values the queue's filters offer: clusters, namespaces, teams and MITRE tactics that
// occur on incidents the caller may see.
import type { TIncidentFacets } from "../incidents/queue-filters";
import type { TScope } from "../auth/scope";
import { pgPool } from "./pg";
import { argList, scopeCondition } from "./scope-sql";

const LIMIT = 500;

export async function incidentFacets(inScope: TScope): Promise<TIncidentFacets> {
  const args: unknown[] = [];
  const scope = scopeCondition(inScope, `i."teamId"`, argList(args));
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
