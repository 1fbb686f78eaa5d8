// A workload's stable id (DESIGN.md "Stable identities"): derived from its cluster's name and its
// workload key, so it is the same in every snapshot, survives a rebuild of the database from the
// same sources, and says nothing an attacker could choose into a URL (hex only).
import { createHash } from "node:crypto";

const PREFIX = "wl_";
const PATTERN = /^wl_[0-9a-f]{24}$/;

export function stableWorkloadId(cluster: string, key: string): string {
  return PREFIX + createHash("sha256").update(`${cluster}\n${key}`, "utf8").digest("hex").slice(0, 24);
}

/** True for the stable form; anything else is a per-snapshot row id (old links) or garbage. */
export function isStableWorkloadId(id: string): boolean {
  return PATTERN.test(id);
}

/** The stable id of an incident's workload, or null when it is not a workload of the inventory (unknown pod, user, node). */
export function incidentWorkloadId(cluster: string, incident: { workloadKey: string; workloadKind: string; notInInventory: boolean }): string | null {
  if (incident.notInInventory || ["User", "Node", "ServiceAccount"].includes(incident.workloadKind)) return null;
  return stableWorkloadId(cluster, incident.workloadKey);
}
