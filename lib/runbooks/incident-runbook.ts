// The runbook of one incident as the API and the page read it: the pods its alerts came from (else
// its workload's pods), their nodes and containers, and the paths of its workload in the latest
// inventory; ticking "isolate" contains the incident (DESIGN.md "Contain and fix").
import type { TActor } from "../auth/actor";
import { scopeOf } from "../auth/scope";
import type { TIncidentRow } from "../db/incidents-read";
import { runbookTicks, setRunbookTick } from "../db/runbook-steps";
import { snapshotPodFacts } from "../db/snapshot-workload";
import { invalid } from "../errors";
import { incidentDetail } from "../incidents/incident-detail";
import { updateIncident } from "../incidents/update-incident";
import { CLOSED_STATUSES } from "../incidents/incidents.types";
import { logger } from "../log";
import { fixesOf } from "../workers/fixes-pool";
import { buildRunbook, type TRunbookStep } from "./build-runbook";

export async function incidentRunbook(row: TIncidentRow, actor: TActor, origin: string, opts: { allowDns?: boolean } = {}) {
  const detail = await incidentDetail(row, "latest", scopeOf(actor));
  const ns = row.namespace;
  // the pods the alerts came from, with the node (the sensor's host) and containers they name
  const alerted = new Map<string, { node: string | null; containers: Set<string> }>();
  for (const a of detail.alerts) {
    if (!a.pod || a.namespace !== ns) continue;
    const p = alerted.get(a.pod) ?? { node: a.hostname ?? null, containers: new Set<string>() };
    if (a.container) p.containers.add(a.container);
    alerted.set(a.pod, p);
  }
  // else the workload's pods as the inventory lists them, with the containers their paths start from
  if (alerted.size === 0 && ns) {
    for (const n of detail.graph.nodes) {
      if (n.kind === "Pod" && n.id.startsWith(`Pod/${ns}/`)) alerted.set(n.id.slice(`Pod/${ns}/`.length), { node: null, containers: new Set() });
    }
  }
  const facts = detail.snapshot.id && ns ? await snapshotPodFacts(detail.snapshot.id, ns, [...alerted.keys()]) : new Map();
  for (const step of detail.paths.flatMap((p) => p.path)) {
    const [kind, sns, pod, container] = step.from.split("/");
    if (kind === "Container" && sns === ns && alerted.has(pod) && container) alerted.get(pod)!.containers.add(container);
  }
  const ticks = await runbookTicks(row.id);
  const narrowedRoles = await narrowedRolesOf(row, detail.snapshot.id);
  const { steps, skipped } = buildRunbook({
    incidentId: row.id,
    namespace: ns,
    pods: [...alerted].map(([name, p]) => ({ name, node: facts.get(name)?.node ?? p.node, containers: [...p.containers].sort() })),
    serviceAccount: [...facts.values()][0]?.serviceAccount ?? null,
    paths: detail.paths,
    alertsUrl: `${origin}/api/v1/incidents/${encodeURIComponent(row.id)}/alerts/bundle`,
    done: new Set(ticks.keys()),
    allowDns: opts.allowDns,
    narrowedRoles,
  });
  return {
    incidentId: row.id,
    snapshotId: detail.snapshot.id,
    steps: withTicks(steps, ticks),
    /** names the runbook would not put into a command */
    skipped,
  };
}

/**
 * The roles the workload's paths use, each narrowed by the fixes engine: of the narrowings offered
 * for a role, the one that removes most. Empty when the engine cannot answer (the runbook stands without it).
 */
async function narrowedRolesOf(row: TIncidentRow, snapshotId: string | null): Promise<Map<string, { title: string; yaml: string }>> {
  const out = new Map<string, { title: string; yaml: string; removes: number }>();
  if (!snapshotId || row.notInInventory) return out;
  try {
    const fixes = await fixesOf(snapshotId, row.cluster, row.workloadKey);
    for (const w of fixes?.whatIf ?? []) {
      if (w.fix.kind !== "narrow-role" || w.apply.format === "none" || !w.patch) continue;
      const key = `${w.fix.roleKind === "Role" ? w.fix.namespace : "*"}/${w.fix.role}`;
      if ((out.get(key)?.removes ?? -1) < w.removes) out.set(key, { title: w.title, yaml: w.patch, removes: w.removes });
    }
  } catch (err) {
    logger().warn({ err: (err as Error).message, incident: row.id }, "runbook: the fixes engine did not answer");
  }
  return out;
}

type TTicks = Awaited<ReturnType<typeof runbookTicks>>;

/** The steps with who ticked each, and when. */
function withTicks(steps: readonly TRunbookStep[], ticks: TTicks) {
  return steps.map((s) => {
    const t = ticks.get(s.id);
    return { ...s, done: t !== undefined, doneAt: t?.doneAt.toISOString() ?? null, doneBy: t?.doneBy ?? null };
  });
}

/** Ticks a step; ticking "isolate" also contains the incident (unless it is closed already). */
export async function tickRunbookStep(row: TIncidentRow, actor: TActor, origin: string, stepId: string, done: boolean, ip: string | null) {
  const runbook = await incidentRunbook(row, actor, origin);
  const step = runbook.steps.find((s) => s.id === stepId);
  if (!step) throw invalid(`stepId: this incident's runbook has no step ${JSON.stringify(stepId)}`);
  await setRunbookTick(actor, row.id, step, done, ip);
  if (step.id === "isolate" && done && row.status !== "contained" && !(CLOSED_STATUSES as readonly string[]).includes(row.status)) {
    await updateIncident(actor, row.id, { status: "contained" }, ip);
  }
  // the same runbook with the ticks as they are now (not generated a second time)
  return { ...runbook, steps: withTicks(runbook.steps, await runbookTicks(row.id)) };
}
