// Dedupe keys (DESIGN.md "Inputs → Alerts"): a hash of what identifies an event, never falcosidekick's
// per-receipt uuid, so a sensor that re-sends after a timeout does not create a second alert.
import { hash } from "node:crypto";

/** Hex sha256 over the parts, JSON-encoded so no two different part lists collide by concatenation. */
export function hashParts(parts: readonly (string | null)[]): string {
  // one-shot hash: no Hash object per event
  return hash("sha256", JSON.stringify(parts), "hex");
}

export function falcoDedupeKey(source: string, timeNs: string, rule: string, hostname: string | null, output: string): string {
  return hashParts(["falco", source, timeNs, rule, hostname, output]);
}

export function tetragonDedupeKey(eventType: string, nodeName: string | null, timeNs: string, execId: string | null, rule: string): string {
  return hashParts(["tetragon", eventType, nodeName, timeNs, execId, rule]);
}
