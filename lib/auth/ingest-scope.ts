// What a scoped token may post: checked by the alert and inventory routes before anything is read.
import { notAllowed } from "../errors";
import type { TActor, TIngestKind } from "./actor";

/** Throws 403 when the actor's token may not post `kind` for `cluster`. */
export function checkIngestScope(actor: TActor, kind: TIngestKind, cluster: string): void {
  const scope = actor.ingestScope;
  if (!scope) return;
  if (scope.kinds && !scope.kinds.includes(kind)) throw notAllowed(`this token may not post ${kind === "alerts" ? "alerts" : "inventories"} (it may post: ${scope.kinds.join(", ")})`);
  if (scope.clusters && !scope.clusters.includes(cluster)) throw notAllowed(`this token may not post for cluster ${JSON.stringify(cluster)} (it may for: ${scope.clusters.join(", ")})`);
}

/** Whether Team documents in this actor's inventory uploads are applied. */
export function mayApplyTeams(actor: TActor | "system"): boolean {
  return actor === "system" || actor.ingestScope === undefined || actor.ingestScope.allowTeams;
}
