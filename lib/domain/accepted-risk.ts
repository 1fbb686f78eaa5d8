// Accepted risks (DESIGN.md "Three kinds of expected"): a workload, or one edge of its attack graph,
// whose danger a manager knowingly accepted — named owner, reason, expiry of at most a year. Pure:
// the server stores and the browser draws with the same rules.
//
// An edge is kept by stable identifiers so the acceptance outlives a rollout: the workload's own
// pods change names, so their segment of a Pod, Container or Volume identifier is written `*`, and
// the node an own pod runs on (which changes with scheduling) is `Node/*` on an edge that touches
// one of the workload's own pod-scoped vertices. Everything else is matched exactly.

export const RISK_STATES = ["active", "expired", "revoked"] as const;
export type TRiskState = (typeof RISK_STATES)[number];

export interface TEdgeRef {
  from: string;
  edge: string;
  to: string;
}

export interface TRiskMark {
  id: string;
  /** when it stops being accepted (ISO) */
  expiresAt: string;
  owner: string;
  reason: string;
}

const POD_SCOPED = new Set(["Pod", "Container", "Volume"]);

/** `Pod/<ns>/<name>` ids of the workload → the set of `<ns>/<name>` they stand for. */
function ownPodSet(pods: readonly string[]): Set<string> {
  return new Set(pods.filter((p) => p.startsWith("Pod/")).map((p) => p.slice(4)));
}

function normalizeVertex(id: string, own: Set<string>): { id: string; own: boolean } {
  const parts = id.split("/");
  if (POD_SCOPED.has(parts[0]) && parts.length >= 3 && own.has(`${parts[1]}/${parts[2]}`)) {
    return { id: [parts[0], parts[1], "*", ...parts.slice(3)].join("/"), own: true };
  }
  return { id, own: false };
}

/** The stable identifiers of one edge of a workload's graph (see the header). */
export function stableEdgeRef(step: TEdgeRef, pods: readonly string[]): TEdgeRef {
  const own = ownPodSet(pods);
  const from = normalizeVertex(step.from, own);
  const to = normalizeVertex(step.to, own);
  const touchesOwn = from.own || to.own;
  const node = (v: { id: string; own: boolean }) => (touchesOwn && !v.own && v.id.startsWith("Node/") ? "Node/*" : v.id);
  return { from: node(from), edge: step.edge, to: node(to) };
}

export const edgeRefKey = (e: TEdgeRef) => `${e.from}|${e.edge}|${e.to}`;

/** A risk's state at `now`: revoked by hand, expired on its own, or still accepted. */
export function riskState(r: { expiresAt: Date | string; revokedAt: Date | string | null }, now: Date = new Date()): TRiskState {
  if (r.revokedAt) return "revoked";
  return new Date(r.expiresAt).getTime() <= now.getTime() ? "expired" : "active";
}

/** The latest expiry allowed for a risk accepted at `now`: one calendar year on. */
export function latestExpiry(now: Date = new Date()): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

/** Null when the expiry is acceptable, else what is wrong with it. */
export function expiryProblem(expiresAt: Date, now: Date = new Date()): string | null {
  if (Number.isNaN(expiresAt.getTime())) return "expiresAt must be a date";
  if (expiresAt.getTime() <= now.getTime()) return "expiresAt must be in the future";
  if (expiresAt.getTime() > latestExpiry(now).getTime()) return "expiresAt must be at most a year from now";
  return null;
}

interface TActiveRisk {
  id: string;
  edge: TEdgeRef | null;
  expiresAt: string;
  owner: string;
  reason: string;
}

/**
 * Which edges of a workload's paths are accepted: raw edge key (`from|edge|to`, as the graph draws
 * it) → the accepting risk. Only edge-level risks mark edges; a workload-level one covers it all.
 */
export function acceptedEdgeMarks(
  paths: readonly { path: readonly TEdgeRef[] }[],
  pods: readonly string[],
  risks: readonly TActiveRisk[],
): Map<string, TRiskMark> {
  const byRef = new Map<string, TActiveRisk>();
  for (const r of risks) if (r.edge) byRef.set(edgeRefKey(r.edge), r);
  const out = new Map<string, TRiskMark>();
  if (byRef.size === 0) return out;
  for (const p of paths) {
    for (const s of p.path) {
      const raw = edgeRefKey(s);
      if (out.has(raw)) continue;
      const r = byRef.get(edgeRefKey(stableEdgeRef(s, pods)));
      if (r) out.set(raw, { id: r.id, expiresAt: r.expiresAt, owner: r.owner, reason: r.reason });
    }
  }
  return out;
}

/** "accepted until 2027-03-01 by Maya Chen" — the words the graph and the lists use. */
export function acceptedLabel(mark: Pick<TRiskMark, "expiresAt" | "owner">): string {
  return `accepted until ${mark.expiresAt.slice(0, 10)} by ${mark.owner}`;
}
