import { z } from "zod";
import { route } from "@/lib/api/handler";
import { csvResponse } from "@/lib/export/csv";
import { slaCsv } from "@/lib/export/exports";
import { scopeOf } from "@/lib/auth/scope";
import { slaIncidents, slaTargets, sweepSlaBreachesIfStale, type TSlaIncidentRow } from "@/lib/db/sla";

const present = (r: TSlaIncidentRow) => ({
  id: r.id,
  title: r.title,
  tier: r.tier,
  status: r.status,
  cluster: r.cluster,
  namespace: r.namespace,
  workload: r.workloadName,
  team: r.team,
  assignee: r.assigneeName,
  clock: r.slaClock,
  dueAt: new Date(r.slaDueAt).toISOString(),
  targetMinutes: r.slaTargetMinutes,
  /** negative when overdue */
  minutesLeft: Math.round((new Date(r.slaDueAt).getTime() - Date.now()) / 600) / 100,
});

/** The targets, and the open incidents whose running clock is breached or at risk (≥ 80 % elapsed), in scope. */
export const GET = route({
  permission: "incident.read",
  query: z.object({ format: z.enum(["json", "csv"]).default("json") }),
  handler: async ({ actor, query }) => {
    await sweepSlaBreachesIfStale();
    const scope = scopeOf(actor);
    const [targets, breached, atRisk] = await Promise.all([slaTargets(), slaIncidents("breached", scope), slaIncidents("at-risk", scope)]);
    if (query.format === "csv") {
      const lines = [...breached.map((r) => ({ state: "breached" as const, ...present(r) })), ...atRisk.map((r) => ({ state: "at risk" as const, ...present(r) }))];
      return csvResponse("sla", slaCsv(lines));
    }
    return { targets, breached: breached.map(present), atRisk: atRisk.map(present) };
  },
});
