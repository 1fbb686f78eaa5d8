// Reduces a Secret to what the product may keep: identity, labels and annotations, and `type`.
// Runs before a Secret is stored anywhere, so its values never reach the database or a log.
import type { TK8sObject, TObjectMeta } from "./types";

// `kubectl apply` copies the whole manifest, data included, into this annotation.
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** A new object: `data`, `stringData` and every other field are left behind; so are managedFields (they name the data keys). */
export function redactSecret(secret: TK8sObject): TK8sObject {
  const metadata: TObjectMeta & { managedFields?: unknown } = { ...secret.metadata };
  delete metadata.managedFields;
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    delete annotations[LAST_APPLIED];
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  const redacted: TK8sObject = { apiVersion: secret.apiVersion, kind: "Secret", metadata };
  if (typeof secret.type === "string") redacted.type = secret.type;
  return redacted;
}
