// planIncidents, the correlation and scoring core, without a database: which alerts join which
// incident, what a new incident is called, and how it is scored.
import { describe, expect, it } from "vitest";
import { normalizeFalcoEvent } from "../alerts/normalize-falco";
import { falcoRule, makeFalcoEvent } from "../demo/synthetic-falco";
import type { TOpenIncidentRow } from "../db/incident-writes";
import { planIncidents, samePlanInputs, type TFreshAlert } from "./fold-into-incidents";
import type { TResolvedTarget } from "./resolve-targets";
import { EVIDENCE_BOOST } from "./score-incident";

const WINDOW = 30 * 60_000;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 9, minute));
const state = { clusterId: "c1", snapshotId: "s1" };

const api: TResolvedTarget = {
  key: "Deployment/shop/api",
  kind: "Deployment",
  namespace: "shop",
  name: "api",
  workload: { key: "Deployment/shop/api", kind: "Deployment", namespace: "shop", name: "api", teamId: "team-shop", score: 100, breakdown: [], reachable: { p: [] } },
  basis: "workload",
  resolvedBy: "pod",
};
const unknown: TResolvedTarget = { key: "Pod/shop/evil", kind: "Pod", namespace: "shop", name: "evil", workload: null, basis: "not_in_inventory", resolvedBy: "not_in_inventory" };

let serial = 0;
function alert(target: TResolvedTarget, minute: number, rule = "Terminal shell in container", evidence = false): TFreshAlert {
  const event = makeFalcoEvent(falcoRule(rule), { time: at(minute), hostname: `n-${++serial}`, namespace: target.namespace ?? "default", pod: target.name, container: "c", image: "i:1" });
  return {
    alert: normalizeFalcoEvent(event),
    target,
    evidence: evidence ? [{ technique: "IDENTITY_ASSUME", step: { from: "Container/shop/api-1/c", edge: "IDENTITY_ASSUME", to: "ServiceAccount/shop/api" } } as never] : [],
  };
}

describe("planIncidents", () => {
  it("opens one incident per workload for alerts within the window, and a second after a longer gap", () => {
    const alerts = [alert(api, 0), alert(api, 20), alert(api, 45), alert(api, 120)];
    const plan = planIncidents(state, alerts, new Map(), WINDOW);
    expect(plan.writes.map((w) => [w.create, w.addAlerts, w.firstSeen.toISOString(), w.lastSeen.toISOString()])).toEqual([
      [true, 3, at(0).toISOString(), at(45).toISOString()],
      [true, 1, at(120).toISOString(), at(120).toISOString()],
    ]);
    expect(plan.created.size).toBe(2);
    const [first, second] = plan.writes;
    for (const a of alerts.slice(0, 3)) expect(plan.placement.get(a.alert.dedupeKey)).toBe(first.id);
    expect(plan.placement.get(alerts[3].alert.dedupeKey)).toBe(second.id);
    expect(first).toMatchObject({ clusterId: "c1", workloadKey: "Deployment/shop/api", teamId: "team-shop", notInInventory: false, snapshotId: "s1" });
  });

  it("folds into the workload's open incident when the first alert is within its window, keeping its id", () => {
    const open = new Map<string, TOpenIncidentRow>([
      ["Deployment/shop/api", { id: "open-1", workloadKey: "Deployment/shop/api", firstSeen: at(0), lastSeen: at(10), severityRank: 7, severity: "emergency", title: "old", scoreBreakdown: { evidenceBoost: 1 } }],
    ]);
    const plan = planIncidents(state, [alert(api, 25)], open, WINDOW);
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({ id: "open-1", create: false, addAlerts: 1 });
    expect(plan.created.size).toBe(0);
  });

  it("scores by blast radius × the worst severity (the open incident's included) × evidence", () => {
    const notice = alert(api, 0, "Terminal shell in container"); // Notice
    const plan = planIncidents(state, [notice], new Map(), WINDOW);
    const factor = plan.writes[0].scoreBreakdown as { severityFactor: number; evidenceBoost: number; blastRadius: number };
    expect(factor.blastRadius).toBe(100);
    expect(plan.writes[0].score).toBeCloseTo(100 * factor.severityFactor * factor.evidenceBoost, 5);
    // an open incident that already had a critical alert keeps its factor, and its evidence boost
    const open = new Map<string, TOpenIncidentRow>([
      ["Deployment/shop/api", { id: "o", workloadKey: "Deployment/shop/api", firstSeen: at(0), lastSeen: at(1), severityRank: 5, severity: "critical", title: "t", scoreBreakdown: { evidenceBoost: EVIDENCE_BOOST } }],
    ]);
    const folded = planIncidents(state, [alert(api, 5)], open, WINDOW).writes[0];
    expect(folded.scoreBreakdown).toMatchObject({ severity: "critical", severityFactor: 1, evidenceBoost: EVIDENCE_BOOST });
    expect(folded.score).toBeCloseTo(100 * 1 * EVIDENCE_BOOST, 5);
    // an alert that shows a step of a path boosts a new incident
    const shown = planIncidents(state, [alert(api, 0, "Terminal shell in container", true)], new Map(), WINDOW).writes[0];
    expect(shown.scoreBreakdown).toMatchObject({ evidenceBoost: EVIDENCE_BOOST });
  });

  it("keeps an unknown pod apart from its neighbours, flagged, at zero without a stand-in", () => {
    const plan = planIncidents(state, [alert(api, 0), alert(unknown, 1)], new Map(), WINDOW);
    expect(plan.writes).toHaveLength(2);
    const evil = plan.writes.find((w) => w.workloadKey === "Pod/shop/evil")!;
    expect(evil).toMatchObject({ notInInventory: true, resolvedBy: "not_in_inventory", teamId: null, score: 0 });
  });

  it("reuses the ids a first plan gave its new incidents, never an open incident's", () => {
    const alerts = [alert(api, 0), alert(unknown, 0)];
    const first = planIncidents(state, alerts, new Map(), WINDOW);
    const preferred = new Map(alerts.map((a) => [a.alert.dedupeKey, first.placement.get(a.alert.dedupeKey)!]));
    const again = planIncidents(state, alerts, new Map(), WINDOW, preferred);
    expect([...again.created].sort()).toEqual([...first.created].sort());
    // a hint naming an open incident is not taken for a new one
    const open = new Map<string, TOpenIncidentRow>([
      ["Deployment/shop/api", { id: "open-9", workloadKey: "Deployment/shop/api", firstSeen: at(-300), lastSeen: at(-200), severityRank: 0, severity: "debug", title: "t", scoreBreakdown: null }],
    ]);
    const hinted = planIncidents(state, [alerts[0]], open, WINDOW, new Map([[alerts[0].alert.dedupeKey, "open-9"]]));
    expect(hinted.writes[0].create).toBe(true);
    expect(hinted.writes[0].id).not.toBe("open-9");
  });

  it("knows when the open incidents read under the locks plan the same as the guess (ingest then keeps the guess)", () => {
    const row: TOpenIncidentRow = { id: "open-1", workloadKey: "Deployment/shop/api", firstSeen: at(0), lastSeen: at(10), severityRank: 3, severity: "warning", title: "t", scoreBreakdown: { evidenceBoost: 1 } };
    const guessed = new Map([[row.workloadKey, row]]);
    // read again from the database: new objects, same values; title and severity are not planned from
    const read = new Map([[row.workloadKey, { ...row, firstSeen: new Date(at(0)), lastSeen: new Date(at(10)), title: "other", severity: "notice" }]]);
    expect(samePlanInputs(guessed, read)).toBe(true);
    const alerts = [alert(api, 25, "Terminal shell in container", true), alert(api, 80)];
    const guess = planIncidents(state, alerts, guessed, WINDOW);
    const preferred = new Map([...guess.placement].filter(([, id]) => guess.created.has(id)));
    expect(planIncidents(state, alerts, read, WINDOW, preferred)).toEqual(guess);
    // anything planIncidents reads differs: plan again
    const changes: Partial<TOpenIncidentRow>[] = [
      { id: "open-2" },
      { firstSeen: at(1) },
      { lastSeen: at(11) },
      { severityRank: 4 },
      { scoreBreakdown: { evidenceBoost: 1.5 } },
    ];
    for (const change of changes) expect(samePlanInputs(guessed, new Map([[row.workloadKey, { ...row, ...change }]]))).toBe(false);
    expect(samePlanInputs(guessed, new Map())).toBe(false);
    expect(samePlanInputs(guessed, new Map([["Deployment/shop/web", { ...row, workloadKey: "Deployment/shop/web" }]]))).toBe(false);
    expect(samePlanInputs(new Map([[row.workloadKey, { ...row, scoreBreakdown: null }]]), guessed)).toBe(true);
  });
});
