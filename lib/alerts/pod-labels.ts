// A pod's labels as sensors send them, bounded like every attacker-controlled identifier.
import type { TFields } from "./falco-fields";
import { fieldText } from "./falco-fields";
import type { TResolvedOptions } from "./normalize-options";

const MAX_LABELS = 64;

/** At most 64 labels, names and values capped like every identifier; null when none. */
export function boundedLabels(labels: Readonly<Record<string, unknown>> | null, o: TResolvedOptions): Record<string, string> | null {
  if (!labels) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels).slice(0, MAX_LABELS)) if (typeof v === "string" && k !== "") out[o.name(k)] = o.name(v);
  return Object.keys(out).length ? out : null;
}

/** Falco prints a pod's labels as "[app:api, pod-template-hash:7c9d8b6f5d]" (k8smeta.pod.labels, k8s.pod.labels). */
export function falcoPodLabels(fields: TFields, o: TResolvedOptions): Record<string, string> | null {
  const text = fieldText(fields, "k8smeta.pod.labels") ?? fieldText(fields, "k8s.pod.labels");
  if (!text) return null;
  const labels: Record<string, string> = {};
  for (const part of text.replace(/^\[|\]$/g, "").split(",").slice(0, MAX_LABELS)) {
    const at = part.indexOf(":");
    if (at > 0) labels[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return boundedLabels(labels, o);
}
