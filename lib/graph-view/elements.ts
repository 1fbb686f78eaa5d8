// Cytoscape element definitions for a view graph. Labels are plain text (cytoscape draws text
// on a canvas, never HTML); an asset's label carries its sensitivity word, so colour is never
// the only signal, and an exercised edge's label says so.
import type { TViewGraph, TViewNode } from "./view-graph";
import { acceptedLabel } from "../domain/accepted-risk";

const MAX_NAME = 30;

export function shorten(text: string, max = MAX_NAME): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

/** The node's visual family, used by the stylesheet for its shape. */
export function nodeFamily(n: Pick<TViewNode, "kind" | "asset">, root: boolean): string {
  if (root) return "root";
  if (n.kind === "More") return "more";
  if (n.asset) return "asset";
  if (WORKLOAD_KINDS.has(n.kind)) return "root";
  if (n.kind === "Pod" || n.kind === "Container") return "compute";
  if (n.kind === "ServiceAccount" || n.kind === "User" || n.kind === "Group") return "identity";
  if (n.kind === "PermissionSet") return "permission";
  if (n.kind === "CloudRole" || n.kind === "MetadataService") return "cloud";
  return "other";
}

export function nodeLabel(n: Pick<TViewNode, "kind" | "label" | "asset" | "id" | "pod" | "alerted">): string {
  if (n.kind === "More") return n.label;
  const name = n.kind === "PermissionSet" ? (n.id.split("/").pop() ?? n.label).split("::")[0] : n.label;
  const lines = [n.kind, shorten(name)];
  if (n.pod) lines.push(`in ${shorten(n.pod)}`);
  if (n.alerted) lines.push("ALERTED HERE");
  if (n.asset) lines.push(`${n.asset.sensitivity.toUpperCase()} · ${n.asset.type}`);
  return lines.join("\n");
}

const ZWSP = "\u200b";
/** after a separator (not at the end of the word) */
const AFTER_SEPARATOR = /([-._/:])(?=.)/g;
/** 18 characters without a separator or break, with more to come */
const LONG_RUN = new RegExp(`[^-._/:${ZWSP}]{18}(?=[^-._/:${ZWSP}])`, "g");

/**
 * The label as drawn: the same text with invisible break opportunities after - . / : _ and inside
 * long unbroken runs, so names wrap at their own separators within the label width instead of
 * running over their neighbours (cytoscape wraps at spaces and zero-width spaces only).
 */
export function breakable(label: string): string {
  return label
    .split("\n")
    .map((line) =>
      line
        .split(" ")
        .map((word) => word.replace(AFTER_SEPARATOR, `$1${ZWSP}`).replace(LONG_RUN, `$&${ZWSP}`))
        .join(" "),
    )
    .join("\n");
}

export interface TCyElement {
  group: "nodes" | "edges";
  data: Record<string, string | number | boolean>;
  classes: string;
}

export function toCyElements(view: TViewGraph): TCyElement[] {
  const out: TCyElement[] = [];
  for (const n of view.nodes) {
    const family = nodeFamily(n, n.id === view.root);
    const classes = [family];
    if (n.id === view.root) classes.push("origin");
    if (n.asset) classes.push(`sens-${n.asset.sensitivity}`);
    if (n.onCriticalRoute) classes.push("critical-route");
    if (n.alerted) classes.push("alerted");
    const label = nodeLabel(n);
    const data: TCyElement["data"] = { id: n.id, label, display: breakable(label) };
    // a group's label sits inside its dashed box: the box is as wide as the words
    if (family === "more") data.width = Math.round(label.length * 6.4 + 18);
    out.push({ group: "nodes", data, classes: classes.join(" ") });
  }
  for (const e of view.edges) {
    const exercised = (e.exercisedBy?.length ?? 0) > 0;
    const classes = [];
    if (e.structural) classes.push("structural");
    if (e.onCriticalRoute) classes.push("critical-route");
    if (exercised) classes.push("exercised");
    if (e.accepted) classes.push("accepted");
    if (e.removedByFix) classes.push("fix-removes");
    const notes = [exercised ? "seen in alert" : null, e.accepted ? acceptedLabel(e.accepted) : null, e.removedByFix ? "removed by the fix" : null].filter(Boolean);
    // the notes on a line of their own, so a short edge's label does not run over its vertices
    const label = e.edge === "MORE" || e.edge === "RUNS" ? "" : notes.length ? `${e.edge}\n${notes.join(" · ")}` : e.edge;
    out.push({ group: "edges", data: { id: e.key, source: e.from, target: e.to, label, display: breakable(label) }, classes: classes.join(" ") });
  }
  return out;
}
