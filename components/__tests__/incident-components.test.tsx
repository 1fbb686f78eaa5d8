// @vitest-environment jsdom
// The queue row, the score explanation and the graph's details panel, rendered in a DOM: what an
// analyst reads is there, and an alert's text stays text.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { QueueRow } from "../incidents/queue-row";
import { ScoreBreakdown } from "../incidents/score-breakdown";
import { GraphDetails } from "../graph/graph-details";
import { buildPathGraph } from "@/lib/graph/path-graph";
import { buildViewGraph } from "@/lib/graph-view/view-graph";
import { edgeKey } from "@/lib/graph-view/paths";
import type { TIncidentItem } from "@/lib/queries/incidents";

afterEach(cleanup);

const breakdown: NonNullable<TIncidentItem["scoreBreakdown"]> = {
  blastRadius: 100,
  tiers: [
    { tier: "critical", count: 2, nearestCost: 2, chance: 0.5, contribution: 70 },
    { tier: "high", count: 0, nearestCost: null, chance: 0, contribution: 0 },
  ],
  severity: "warning",
  severityFactor: 0.6,
  evidenceBoost: 1.5,
  basis: "workload",
};

const item: TIncidentItem = {
  id: "i1",
  score: 90,
  scoreBreakdown: breakdown,
  severity: "warning",
  title: '<img src=x onerror="alert(1)"> Read sensitive file',
  status: "new",
  cluster: "prod",
  namespace: "payments",
  workload: { id: "Deployment/payments/api", kind: "Deployment", namespace: "payments", name: "api" },
  workloadId: "wl_0123456789abcdef01234567",
  notInInventory: false,
  resolvedBy: "pod",
  resolution: null,
  team: "payments",
  assignee: null,
  alertCount: 3,
  firstSeen: "2026-12-02T10:00:00Z",
  lastSeen: "2026-12-02T10:05:00Z",
  mitreTactics: ["credential-access"],
  reachableCounts: { critical: 2, high: 0, medium: 0, low: 0 },
  reachable: [{ asset: "Secret/payments/db-password", type: "secret", sensitivity: "critical", cost: 2 }],
  tier: "critical",
  acceptedRisk: null,
  escalation: null,
  closedAs: null,
  sla: { clock: "acknowledge", dueAt: "2026-12-02T10:15:00Z", targetMinutes: 15, state: "breached" },
};

const table = (children: React.ReactNode) => render(<table><tbody>{children}</tbody></table>);

describe("QueueRow", () => {
  it("shows the score, the workload, the team and the nearest asset; the title stays text", () => {
    table(<QueueRow item={item} isCursor={false} selected={false} selectable onToggle={() => {}} onPick={() => {}} />);
    const row = screen.getByTestId("incident-row");
    expect(within(row).getByTestId("score").textContent).toContain("90.0");
    expect(within(row).getByTestId("incident-link").textContent).toBe('<img src=x onerror="alert(1)"> Read sensitive file');
    expect(row.querySelector("img")).toBeNull();
    expect(within(row).getByTestId("incident-sla").textContent).toMatch(/^acknowledge overdue/);
    expect(within(row).getByTestId("incident-team").textContent).toBe("payments");
    expect(row.textContent).toContain("db-password");
    expect(row.textContent).toContain("critical");
  });

  it("says unowned and not in inventory, and hands selection and picking to the queue", () => {
    const onToggle = vi.fn();
    const onPick = vi.fn();
    table(<QueueRow item={{ ...item, team: null, notInInventory: true, reachable: [] }} isCursor selected={false} selectable onToggle={onToggle} onPick={onPick} />);
    const row = screen.getByTestId("incident-row");
    expect(row.getAttribute("aria-current")).toBe("true");
    expect(row.textContent).toContain("unowned");
    expect(row.textContent).toContain("not in inventory");
    expect(row.textContent).toContain("nothing sensitive");
    fireEvent.click(within(row).getByRole("checkbox"));
    expect(onToggle).toHaveBeenCalledTimes(1);
    fireEvent.click(row);
    expect(onPick).toHaveBeenCalled();
  });

  it("marks an incident whose workload has accepted risks, with the expiry and the owner on hover", () => {
    const until = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 1)).toISOString();
    table(<QueueRow item={{ ...item, acceptedRisk: { count: 2, wholeWorkload: false, until, owner: "Maya Chen" } }} isCursor={false} selected={false} selectable onToggle={() => {}} onPick={() => {}} />);
    const mark = screen.getByTestId("incident-accepted");
    expect(mark.textContent).toBe(`2 edges accepted to Mar 1 ${new Date(until).getUTCFullYear()}`);
    expect(mark.getAttribute("title")).toBe(`2 edges of its graph are accepted until ${until.slice(0, 10)} by Maya Chen`);
  });
});

describe("ScoreBreakdown", () => {
  it("explains the score on focus: tiers, formula and evidence, and closes on Escape", () => {
    render(<ScoreBreakdown score={90} scoreBreakdown={breakdown} reachable={item.reachable} />);
    const button = screen.getByTestId("score");
    expect(button.getAttribute("aria-label")).toMatch(/2 critical assets, nearest at cost 2/);
    fireEvent.focus(button);
    const tip = screen.getByRole("tooltip");
    expect(tip.textContent).toContain("Why 90.0");
    expect(tip.textContent).toContain("blast radius 100.0 × severity warning 0.6 × evidence 1.5 = 90.0");
    expect(tip.textContent).toMatch(/shows a step of one of the workload's attack paths/);
    fireEvent.keyDown(button, { key: "Escape" });
    expect(screen.queryByRole("tooltip")).toBeNull();
  });
});

describe("GraphDetails", () => {
  const step = { from: "Container/payments/api-1/api", edge: "IDENTITY_ASSUME", to: "ServiceAccount/payments/api" };
  const read = { from: "ServiceAccount/payments/api", edge: "PERMISSION_DISCOVER", to: "PermissionSet/payments/reader::rb" };
  const secret = { from: "PermissionSet/payments/reader::rb", edge: "SECRET_READ", to: "Secret/payments/db-password" };
  const paths = [{ asset: "Secret/payments/db-password", type: "secret", sensitivity: "critical" as const, cost: 2, path: [step, read, secret] }];
  const graph = buildPathGraph("Deployment/payments/api", ["Pod/payments/api-1"], paths, new Map([[edgeKey(step), ["a1"]]]), new Map([["Secret/payments/db-password", { type: "secret", sensitivity: "critical" }]]));
  const view = buildViewGraph(graph, paths, "Deployment/payments/api", { hiddenEdges: new Set(), onlyCritical: false });

  it("invites a selection when nothing is selected", () => {
    render(<GraphDetails selection={null} view={view} graph={graph} paths={paths} alerts={new Map()} onClose={() => {}} />);
    expect(screen.getByTestId("graph-details").textContent).toContain("Select a vertex or an edge");
  });

  it("for an edge: what an attacker does, its cost, the remediation, and the alert that showed it", () => {
    const onShowAlert = vi.fn();
    render(
      <GraphDetails
        selection={{ group: "edges", id: edgeKey(step) }}
        view={view}
        graph={graph}
        paths={paths}
        alerts={new Map([["a1", { rule: "Read service account token", time: "2026-12-02T10:00:00Z" }]])}
        onShowAlert={onShowAlert}
        onClose={() => {}}
      />,
    );
    const panel = screen.getByTestId("graph-details");
    expect(panel.textContent).toContain("IDENTITY_ASSUME");
    expect(panel.textContent).toMatch(/mounted service account token/);
    expect(screen.getByTestId("edge-remediation").textContent).not.toBe("—");
    expect(panel.textContent).toContain("Read service account token");
  });
});
