"use client";
// The side panel of the graph: what the selected vertex or edge is, and for an edge what an
// attacker does with it, its MITRE technique, its cost and the change that removes it.
import { ExternalLink, ShieldCheck, X } from "lucide-react";
import { acceptedLabel } from "@/lib/domain/accepted-risk";
import type { TViewEdge, TViewGraph, TViewNode } from "@/lib/graph-view/view-graph";
import { edgeKey, type TViewPath } from "@/lib/graph-view/paths";
import type { TPathGraph } from "@/lib/graph/path-graph";
import { Button } from "../ui/button";
import { SensitivityBadge } from "../ui/sensitivity-badge";
import type { TGraphSelection } from "./graph-canvas";
import { SHAPES } from "./graph-style";

export interface TAlertRef {
  rule: string;
  time: string;
}

const mitreUrl = (id: string) => `https://attack.mitre.org/techniques/${id.replace(".", "/")}/`;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-[11px] font-medium uppercase tracking-wide text-muted">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** vertices one can ask "who else can reach this?" of: assets, identities, cloud roles */
const REVERSE_KINDS = new Set(["Secret", "Service", "SensitiveAsset", "Node", "ControlPlane", "ServiceAccount", "User", "Group", "CloudRole", "MetadataService"]);

function NodeDetails({ node, root, path, cluster }: { node: TViewNode; root: string; path: TViewPath | undefined; cluster?: string }) {
  if (node.hidden) {
    return (
      <>
        <p className="text-sm">
          {node.hidden.length} more vertices on lower-priority paths are folded here to keep the graph readable.
        </p>
        <ul className="max-h-64 overflow-auto font-mono text-xs">
          {node.hidden.slice(0, 50).map((id) => (
            <li key={id} className="break-all py-0.5">
              {id}
            </li>
          ))}
        </ul>
        <p className="text-xs text-muted">Switch off techniques or show only paths to critical assets to see them.</p>
      </>
    );
  }
  return (
    <dl className="flex flex-col gap-3">
      <Row label="Kind">{node.id === root ? `${node.kind} (the workload)` : node.kind}</Row>
      <Row label="Identifier">
        <span className="break-all font-mono text-xs">{node.id}</span>
      </Row>
      {node.asset ? (
        <Row label="Asset">
          <span className="inline-flex items-center gap-2">
            <SensitivityBadge sensitivity={node.asset.sensitivity as "critical"} /> {node.asset.type}
          </span>
        </Row>
      ) : null}
      {cluster && node.id !== root && REVERSE_KINDS.has(node.id.slice(0, node.id.indexOf("/"))) ? (
        <a
          href={`/assets/${encodeURIComponent(node.id)}?cluster=${encodeURIComponent(cluster)}`}
          className="text-sm text-accent hover:underline"
          data-testid="vertex-reachers-link"
        >
          Who else can reach {node.asset ? "this asset" : "this"}? →
        </a>
      ) : null}
      {path ? (
        <Row label={`Cheapest path · cost ${path.cost}`}>
          <ol className="flex flex-col gap-0.5 font-mono text-xs">
            {path.path.map((s, i) => (
              <li key={i}>
                {i + 1}. {s.edge} → <span className="break-all">{s.to}</span>
              </li>
            ))}
          </ol>
        </Row>
      ) : null}
    </dl>
  );
}

/** What a manager may do with one edge: accept its risk (lib/ownership, DESIGN.md "Three kinds of expected"). */
export type TAcceptEdge = (edge: { from: string; edge: string; to: string }) => void;

function EdgeDetails({ edge, alerts, onShowAlert, onAcceptEdge }: { edge: TViewEdge; alerts: Map<string, TAlertRef>; onShowAlert?: (id: string) => void; onAcceptEdge?: TAcceptEdge }) {
  const exercised = edge.exercisedBy ?? [];
  return (
    <dl className="flex flex-col gap-3">
      {edge.accepted ? (
        <div className="rounded-md border border-accent/50 bg-accent/10 px-2 py-1.5 text-sm" data-testid="edge-accepted">
          <p className="flex items-center gap-1 font-medium text-accent">
            <ShieldCheck className="h-4 w-4" aria-hidden /> Risk {acceptedLabel(edge.accepted)}
          </p>
          <p className="mt-0.5 break-words text-xs text-muted">{edge.accepted.reason}</p>
        </div>
      ) : null}
      <Row label="Technique">
        <span className="font-mono font-semibold">{edge.edge}</span>
        {edge.mitre ? (
          <a href={mitreUrl(edge.mitre)} target="_blank" rel="noreferrer" className="ml-2 inline-flex items-center gap-0.5 text-xs text-accent hover:underline">
            MITRE {edge.mitre} <ExternalLink className="h-3 w-3" aria-hidden />
          </a>
        ) : null}
      </Row>
      <Row label="Step">
        <span className="break-all font-mono text-xs">
          {edge.from} → {edge.to}
        </span>
      </Row>
      {edge.structural ? (
        <p className="text-sm text-muted">A structural hop drawn for orientation: it takes no action.</p>
      ) : (
        <>
          <Row label="Cost">{edge.cost ?? "—"}</Row>
          <Row label="What an attacker does">{edge.explanation ?? "—"}</Row>
          <Row label="Remediation">
            <span data-testid="edge-remediation">{edge.remediation ?? "—"}</span>
          </Row>
          {onAcceptEdge && !edge.accepted && edge.edge !== "MORE" ? (
            <Button type="button" variant="secondary" className="w-fit" onClick={() => onAcceptEdge({ from: edge.from, edge: edge.edge, to: edge.to })}>
              <ShieldCheck className="h-3.5 w-3.5" aria-hidden /> Accept this edge&apos;s risk…
            </Button>
          ) : null}
        </>
      )}
      {exercised.length ? (
        <Row label="Seen in this incident's alerts">
          <ul className="flex flex-col gap-1">
            {exercised.map((id) => {
              const a = alerts.get(id);
              return (
                <li key={id}>
                  <a
                    href={`#alert-${id}`}
                    onClick={(e) => {
                      if (!onShowAlert) return;
                      e.preventDefault();
                      onShowAlert(id);
                    }}
                    className="inline-flex items-center gap-1 rounded border border-danger/50 px-1.5 py-0.5 text-xs font-medium text-danger hover:bg-danger/10"
                  >
                    {a ? `${a.rule} · ${new Date(a.time).toISOString().slice(0, 16).replace("T", " ")}` : `alert ${id}`}
                  </a>
                </li>
              );
            })}
          </ul>
        </Row>
      ) : null}
    </dl>
  );
}

/** The selected element, looked up in the view first, then in the whole graph (folded or filtered away). */
function lookUp(selection: TGraphSelection | null, view: TViewGraph, graph: TPathGraph) {
  if (!selection) return {};
  if (selection.group === "nodes") {
    const n = view.nodes.find((x) => x.id === selection.id) ?? graph.nodes.find((x) => x.id === selection.id);
    return { node: n ? { onCriticalRoute: false, ...n } : undefined };
  }
  const e = view.edges.find((x) => x.key === selection.id) ?? graph.edges.find((x) => edgeKey(x) === selection.id);
  return { edge: e ? { onCriticalRoute: false, key: selection.id, ...e } : undefined };
}

export function GraphDetails({ selection, view, graph, paths, alerts, onShowAlert, onAcceptEdge, cluster, onClose }: {
  selection: TGraphSelection | null;
  view: TViewGraph;
  graph: TPathGraph;
  paths: readonly TViewPath[];
  alerts: Map<string, TAlertRef>;
  onShowAlert?: (id: string) => void;
  onAcceptEdge?: TAcceptEdge;
  cluster?: string;
  onClose: () => void;
}) {
  const { node, edge } = lookUp(selection, view, graph) as { node?: TViewNode; edge?: TViewEdge };
  // Nothing selected: the canvas takes the whole width (the legend is under it); the region stays
  // mounted, empty to the eye, so a screen reader hears the first selection.
  if (!node && !edge)
    return (
      <aside aria-label="Selected element" aria-live="polite" className="w-0 shrink-0 overflow-hidden" data-testid="graph-details">
        <p className="sr-only">Nothing selected. Select a vertex or an edge to see what it is and how to remove it.</p>
      </aside>
    );
  return (
    <aside aria-label="Selected element" aria-live="polite" className="flex w-80 shrink-0 flex-col gap-3 overflow-auto border-l border-border p-3" data-testid="graph-details">
      <div className="flex items-start justify-between gap-2">
        <h3 className="break-all text-sm font-semibold">{node ? node.label : edge!.edge}</h3>
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded p-0.5 text-muted hover:bg-surface-2 hover:text-fg">
          <X className="h-4 w-4" aria-hidden />
        </button>
      </div>
      {node ? <NodeDetails node={node} root={view.root} path={paths.find((p) => p.asset === node.id)} cluster={cluster} /> : null}
      {edge ? <EdgeDetails edge={edge} alerts={alerts} onShowAlert={onShowAlert} onAcceptEdge={onAcceptEdge} /> : null}
    </aside>
  );
}

/** How to read the graph, in one line under it. */
export function GraphLegend({ incident }: { incident: boolean }) {
  const items = [
    "Select a vertex or an edge to see what it is and how to remove it.",
    "Thick red line: cheapest path to a critical asset",
    incident ? "red dashes: a step this incident's alerts show · double red frame: the pod that alerted" : "green dashes: what the selected fix takes away",
    "double blue line: an accepted risk, until its expiry",
    ...SHAPES.map((s) => s.legend),
  ];
  return (
    <p className="border-t border-border px-4 py-2 text-xs text-muted" data-testid="graph-legend">
      <span className="text-fg">{items[0]}</span> {items.slice(1).join(" · ")}.
    </p>
  );
}
