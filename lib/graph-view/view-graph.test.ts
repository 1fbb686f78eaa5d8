import { describe, expect, it } from "vitest";
import { buildPathGraph } from "../graph/path-graph";
import { acceptedEdgeMarks } from "../domain/accepted-risk";
import { toCyElements, nodeLabel } from "./elements";
import { buildViewGraph, GROUP_PREFIX } from "./view-graph";

const ROOT = "Deployment/shop/api";
const POD = "Pod/shop/api-1";
const C = "Container/shop/api-1/app";
const SA = "ServiceAccount/shop/api";
const PS = "PermissionSet/shop/reader::reader-binding";

const paths = [
  {
    asset: "Secret/shop/db",
    type: "secret",
    sensitivity: "critical",
    cost: 2,
    path: [
      { from: C, edge: "IDENTITY_ASSUME", to: SA },
      { from: SA, edge: "PERMISSION_DISCOVER", to: PS },
      { from: PS, edge: "SECRET_READ", to: "Secret/shop/db" },
    ],
  },
  {
    asset: "Secret/shop/cfg",
    type: "secret",
    sensitivity: "medium",
    cost: 1,
    path: [{ from: C, edge: "SECRET_MOUNT", to: "Secret/shop/cfg" }],
  },
  {
    asset: "Node/n1",
    type: "node",
    sensitivity: "high",
    cost: 1,
    path: [{ from: C, edge: "CE_PRIV_MOUNT", to: "Node/n1" }],
  },
];
const assets = new Map(paths.map((p) => [p.asset, { type: p.type, sensitivity: p.sensitivity }]));
const exercised = new Map([[`${C}|IDENTITY_ASSUME|${SA}`, ["41"]]]);
const graph = buildPathGraph(ROOT, [POD], paths, exercised, assets);
const all = { hiddenEdges: new Set<string>(), onlyCritical: false };

describe("graph view", () => {
  it("draws the workload, its pod's container and every path, marking the cheapest route to each critical asset", () => {
    const v = buildViewGraph(graph, paths, ROOT, all);
    // the pod is folded into its container: the workload points at the container, labelled with the pod
    expect(v.nodes.map((n) => n.id).sort()).toEqual([C, ROOT, "Node/n1", PS, SA, "Secret/shop/cfg", "Secret/shop/db"].sort());
    expect(v.nodes.find((n) => n.id === C)!.pod).toBe("api-1");
    expect(nodeLabel(v.nodes.find((n) => n.id === C)!)).toBe("Container\napp\nin api-1");
    expect(v.edges.find((e) => e.from === ROOT && e.to === C)).toMatchObject({ edge: "RUNS", structural: true, onCriticalRoute: true });
    expect(v.edges.some((e) => e.from === POD || e.to === POD)).toBe(false);
    expect(v.foldedNodes).toBe(0);
    const critical = v.edges.filter((e) => e.onCriticalRoute).map((e) => e.edge);
    expect(critical.sort()).toEqual(["IDENTITY_ASSUME", "PERMISSION_DISCOVER", "RUNS", "SECRET_READ"]);
    expect(v.edges.find((e) => e.edge === "SECRET_MOUNT")!.onCriticalRoute).toBe(false);
    expect(v.nodes.find((n) => n.id === "Secret/shop/db")!.onCriticalRoute).toBe(true);
  });

  it("hides the paths that use a switched-off technique, and everything but critical paths on request", () => {
    const noMount = buildViewGraph(graph, paths, ROOT, { hiddenEdges: new Set(["SECRET_MOUNT"]), onlyCritical: false });
    expect(noMount.nodes.some((n) => n.id === "Secret/shop/cfg")).toBe(false);
    expect(noMount.edges.some((e) => e.edge === "SECRET_MOUNT")).toBe(false);
    const critical = buildViewGraph(graph, paths, ROOT, { hiddenEdges: new Set(), onlyCritical: true });
    expect(critical.nodes.map((n) => n.id).sort()).toEqual([C, ROOT, PS, SA, "Secret/shop/db"].sort());
    expect(critical.paths).toBe(1);
  });

  it("folds what exceeds the node budget into '+N more' groups on the last node shown, critical paths first", () => {
    const v = buildViewGraph(graph, paths, ROOT, all, 6);
    const ids = v.nodes.map((n) => n.id);
    // The critical path (root, pod, container, SA, PS, secret) fills the budget of 6 (the pod is
    // then drawn within its container).
    expect(ids).toEqual(expect.arrayContaining([ROOT, C, SA, PS, "Secret/shop/db"]));
    const group = v.nodes.find((n) => n.id === `${GROUP_PREFIX}${C}`)!;
    expect(group.label).toBe("+2 more");
    expect(group.hidden).toEqual(["Node/n1", "Secret/shop/cfg"]);
    expect(v.edges.find((e) => e.to === group.id)!.from).toBe(C);
    expect(v.foldedNodes).toBe(2);
    expect(v.totalNodes).toBe(8);
  });

  it("folds the pods no path starts from under the workload when there is no room", () => {
    const many = Array.from({ length: 5 }, (_, i) => `Pod/shop/api-extra-${i}`);
    const g = buildPathGraph(ROOT, [POD, ...many], paths, exercised, assets);
    const v = buildViewGraph(g, paths, ROOT, all, 9);
    const group = v.nodes.find((n) => n.id === `${GROUP_PREFIX}${ROOT}`)!;
    expect(group.hidden!.length).toBe(4);
    // the pod the paths leave from is drawn within its container; one extra pod had room
    expect(v.nodes.filter((n) => n.kind === "Pod").map((n) => n.id)).toEqual(["Pod/shop/api-extra-0"]);
    expect(v.nodes.find((n) => n.id === C)!.pod).toBe("api-1");
  });

  it("marks the container of the pod the incident's alerts came from, and only that one", () => {
    const other = "Pod/shop/api-2";
    const g = buildPathGraph(ROOT, [POD, other], paths, new Map(), assets);
    const v = buildViewGraph(g, paths, ROOT, { ...all, alertingPods: new Set([POD]) });
    expect(v.nodes.filter((n) => n.alerted).map((n) => n.id)).toEqual([C]);
    expect(nodeLabel(v.nodes.find((n) => n.id === C)!)).toBe("Container\napp\nin api-1\nALERTED HERE");
    expect(toCyElements(v).find((e) => e.data.id === C)!.classes).toContain("alerted");
    // a pod with no path drawn keeps its own vertex, marked when it alerted
    const w = buildViewGraph(g, paths, ROOT, { ...all, alertingPods: new Set([other]) });
    expect(w.nodes.filter((n) => n.alerted).map((n) => n.id)).toEqual([other]);
  });

  it("keeps the vertex of a pod a technique leaves from, and of a pod that is the workload itself", () => {
    const fromPod = [...paths, { asset: "Node/n2", type: "node", sensitivity: "high", cost: 1, path: [{ from: POD, edge: "POD_ATTACH", to: "Node/n2" }] }];
    const g = buildPathGraph(ROOT, [POD], fromPod, new Map(), new Map([...assets, ["Node/n2", { type: "node", sensitivity: "high" }]]));
    const v = buildViewGraph(g, fromPod, ROOT, all);
    expect(v.nodes.map((n) => n.id)).toContain(POD);
    expect(v.nodes.find((n) => n.id === C)!.pod).toBeUndefined();
    // a pod a technique arrives at (a node attaching to the pods on it) keeps its vertex too,
    // and no drawn edge ever points at a vertex that is not drawn
    const intoPod = [...paths, { asset: "Secret/shop/x", type: "secret", sensitivity: "critical", cost: 3, path: [
      { from: C, edge: "CE_PRIV_MOUNT", to: "Node/n1" },
      { from: "Node/n1", edge: "POD_ATTACH", to: "Pod/shop/other-1" },
      { from: "Pod/shop/other-1", edge: "CONTAINER_ATTACH", to: "Container/shop/other-1/app" },
      { from: "Container/shop/other-1/app", edge: "SECRET_MOUNT", to: "Secret/shop/x" },
    ] }];
    const gi = buildPathGraph(ROOT, [POD], intoPod, new Map(), new Map([...assets, ["Secret/shop/x", { type: "secret", sensitivity: "critical" }]]));
    const vi = buildViewGraph(gi, intoPod, ROOT, all);
    const drawn = new Set(vi.nodes.map((n) => n.id));
    expect(drawn.has("Pod/shop/other-1")).toBe(true);
    expect(drawn.has(POD)).toBe(false);
    for (const e of vi.edges) expect(drawn.has(e.from) && drawn.has(e.to)).toBe(true);
    // an unknown pod is its own workload: it stays the origin, its container follows it
    const alone = buildPathGraph(POD, [POD], paths, new Map(), assets);
    const w = buildViewGraph(alone, paths, POD, all);
    expect(w.nodes.map((n) => n.id)).toContain(POD);
    expect(w.edges.find((e) => e.from === POD && e.to === C)?.edge).toBe("CONTAINER_ATTACH");
  });

  it("labels assets with their sensitivity word and exercised edges in words, as plain text", () => {
    const v = buildViewGraph(graph, paths, ROOT, all);
    const els = toCyElements(v);
    const secret = els.find((e) => e.data.id === "Secret/shop/db")!;
    expect(secret.data.label).toBe("Secret\ndb\nCRITICAL · secret");
    expect(secret.classes).toContain("sens-critical");
    const assume = els.find((e) => e.data.id === `${C}|IDENTITY_ASSUME|${SA}`)!;
    expect(assume.classes).toContain("exercised");
    expect(assume.data.label).toBe("IDENTITY_ASSUME\nseen in alert");
    expect(nodeLabel({ id: "Pod/x/<img src=x onerror=alert(1)>", kind: "Pod", label: "<img src=x onerror=alert(1)>", asset: null })).toBe(
      "Pod\n<img src=x onerror=alert(1)>",
    );
  });

  it("still draws an accepted edge, labelled until when and by whom, on the pod the graph shows", () => {
    const risk = { id: "r1", edge: { from: "Container/shop/*/app", edge: "CE_PRIV_MOUNT", to: "Node/*" }, expiresAt: "2027-02-01T00:00:00.000Z", owner: "Maya Chen", reason: "GPU driver" };
    const marks = acceptedEdgeMarks(paths, [POD], [risk]);
    const g = buildPathGraph(ROOT, [POD], paths, exercised, assets, marks);
    const els = toCyElements(buildViewGraph(g, paths, ROOT, all));
    const escape = els.find((e) => e.data.id === `${C}|CE_PRIV_MOUNT|Node/n1`)!;
    expect(escape.classes).toContain("accepted");
    expect(escape.data.label).toBe("CE_PRIV_MOUNT\naccepted until 2027-02-01 by Maya Chen");
    expect(els.filter((e) => e.classes.includes("accepted"))).toHaveLength(1);
  });

  it("marks the edges a selected fix removes, and only those", () => {
    const g = buildPathGraph(ROOT, [POD], paths, exercised, assets, new Map(), new Set([`${C}|CE_PRIV_MOUNT|Node/n1`]));
    const els = toCyElements(buildViewGraph(g, paths, ROOT, all));
    const marked = els.filter((e) => e.classes.includes("fix-removes"));
    expect(marked.map((e) => e.data.id)).toEqual([`${C}|CE_PRIV_MOUNT|Node/n1`]);
    expect(marked[0].data.label).toBe("CE_PRIV_MOUNT\nremoved by the fix");
  });
});

describe("a first view", () => {
  it("folds medium and low assets into one group per tier, which opens in place", async () => {
    const { defaultCollapsedTiers } = await import("./paths");
    const { TIER_PREFIX } = await import("./view-graph");
    const graph = buildPathGraph(ROOT, [POD], paths, new Map(), assets);
    const collapsed = defaultCollapsedTiers(paths);
    expect([...collapsed].sort()).toEqual(["low", "medium"]);
    const view = buildViewGraph(graph, paths, ROOT, { hiddenEdges: new Set(), onlyCritical: false, collapsedTiers: collapsed });
    const ids = view.nodes.map((n) => n.id);
    expect(ids).not.toContain("Secret/shop/cfg");
    expect(ids).toContain("Secret/shop/db");
    expect(ids).toContain("Node/n1");
    const group = view.nodes.find((n) => n.id === `${TIER_PREFIX}medium`)!;
    expect(group).toMatchObject({ kind: "More", label: "+1 medium asset", hidden: ["Secret/shop/cfg"] });
    expect(view.collapsedAssets).toBe(1);
    expect(view.edges.some((e) => e.from === ROOT && e.to === group.id)).toBe(true);
    const open = buildViewGraph(graph, paths, ROOT, { hiddenEdges: new Set(), onlyCritical: false, collapsedTiers: new Set() });
    expect(open.nodes.map((n) => n.id)).toContain("Secret/shop/cfg");
    // nothing worse than medium to show: nothing is folded
    expect([...defaultCollapsedTiers(paths.filter((p) => p.sensitivity === "medium"))]).toEqual([]);
  });
});
