// Public API of the pure alert library: sensor events in, one normalized alert out, plus what ingest needs
// around it. Pulls in node:crypto (dedupe keys): client components import ./severity or ./mitre directly.
import { normalizeFalcoEvent } from "./normalize-falco";
import { normalizeTetragonEvent } from "./normalize-tetragon";
import type { TAlertSource, TNormalizeOptions, TNormalizedAlert } from "./types";

export type {
  TAlertProcess, TAlertSource, TAuditTarget, TMitre, TNetworkPeer, TNormalizeOptions, TNormalizedAlert, TSeverity, TTruncatedRaw,
} from "./types";
export { AlertParseError } from "./alert-parse-error";
export { normalizeFalcoEvent } from "./normalize-falco";
export { normalizeTetragonEvent } from "./normalize-tetragon";
export { ZFalcoEvent, type TFalcoEvent } from "./falco-schema";
export { ZTetragonEvent, ZTetragonProcess, ZTetragonPod, TETRAGON_EVENT_TYPES, type TTetragonEventType } from "./tetragon-schema";
export { maskSecrets, MASK } from "./mask-secrets";
export { maskDeep, isSecretKey, MAX_MASK_DEPTH, TOO_DEEP } from "./mask-deep";
export { SEVERITIES, SEVERITY_FACTOR, severityFromFalcoPriority } from "./severity";
export { mitreFromTags, MITRE_TACTICS } from "./mitre";
export { evidenceOf, FALCO_RULE_EDGES, type TEvidence, type TEvidenceContext, type TEvidenceEdge } from "./evidence";
export { splitBatch, type TBatch, type TBatchError } from "./split-batch";
export { iterateNdjson, type TNdjsonItem } from "./iterate-ndjson";
export { isTruncatedRaw, DEFAULT_MAX_RAW_BYTES } from "./raw-payload";
export { DEFAULT_MAX_FIELD_LENGTH, TRUNCATION_MARK } from "./text";

/** Normalizes an event from either sensor, as the ingest route for `source` receives it. */
export function normalizeAlert(source: TAlertSource, input: unknown, opts?: TNormalizeOptions): TNormalizedAlert {
  return source === "falco" ? normalizeFalcoEvent(input, opts) : normalizeTetragonEvent(input, opts);
}
