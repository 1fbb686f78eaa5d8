// Accepting a risk: checks what the manager points at is a workload of an inventory and, for an
// edge, one step of that workload's attack paths; stores it by stable identifiers; and the API shape
// every page and export reads.
import type { TActor } from "../auth/actor";
import {
  acceptedLabel,
  edgeRefKey,
  expiryProblem,
  stableEdgeRef,
  type TEdgeRef,
} from "../domain/accepted-risk";
import { insertAcceptedRisk, type TAcceptedRiskRow } from "../db/accepted-risks";
import { ALL_TEAMS } from "../auth/scope";
import { findWorkload } from "../db/workloads";
import { invalid, missing } from "../errors";
import { presentWorkload } from "../snapshots/present-workload";

export interface TAcceptRiskInput {
  workloadId: string;
  /** an edge of the workload's graph as drawn (`from`, `edge`, `to`), or absent for the whole workload */
  edge?: TEdgeRef;
  /** the accountable user; the actor when absent */
  ownerId?: string;
  reason: string;
  expiresAt: Date;
}

export async function acceptRisk(actor: TActor, input: TAcceptRiskInput, ip: string | null) {
  const problem = expiryProblem(input.expiresAt);
  if (problem) throw invalid(problem);
  const ownerId = input.ownerId ?? actor.userId;
  if (!ownerId) throw invalid("ownerId: a token acting for no user must name the risk's owner");
  const row = await findWorkload(input.workloadId, ALL_TEAMS);
  if (!row) throw missing("workload");
  let edge: TEdgeRef | null = null;
  if (input.edge) {
    edge = stableEdgeRef(input.edge, row.pods);
    const wanted = edgeRefKey(edge);
    const workload = await presentWorkload(row);
    const onPath = workload.reachable.some((r) => r.path.some((s) => edgeRefKey(stableEdgeRef(s, row.pods)) === wanted));
    if (!onPath) throw invalid("edge: not a step of this workload's attack paths in its inventory");
  }
  const stored = await insertAcceptedRisk(
    actor,
    { cluster: row.cluster, workloadId: row.stableId, workloadKey: row.key, edge, ownerId, reason: input.reason, expiresAt: input.expiresAt },
    ip,
  );
  return presentAcceptedRisk(stored);
}

export function presentAcceptedRisk(r: TAcceptedRiskRow) {
  const [kind, namespace, ...rest] = r.workloadKey.split("/");
  const expiresAt = new Date(r.expiresAt).toISOString();
  return {
    id: r.id,
    cluster: r.cluster,
    workloadId: r.workloadId,
    workload: r.workloadKey,
    kind,
    namespace,
    name: rest.join("/"),
    team: r.team,
    /** null: the whole workload */
    edge: r.edgeKind ? { from: r.edgeFrom!, edge: r.edgeKind, to: r.edgeTo! } : null,
    owner: { id: r.ownerId, name: r.ownerLabel },
    reason: r.reason,
    expiresAt,
    state: r.state,
    label: acceptedLabel({ expiresAt, owner: r.ownerLabel }),
    createdBy: r.createdByLabel,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
    revokedBy: r.revokedByLabel,
  };
}

export type TAcceptedRisk = ReturnType<typeof presentAcceptedRisk>;
