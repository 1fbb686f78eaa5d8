// A live inventory (DESIGN.md "Live inventory"): the collector's watch events applied to the
// documents of the cluster's current inventory. Pure: validation, identity and application; the
// storage and the recompute live in lib/db and lib/snapshots.
import { z } from "zod";
import { parseInventory } from "./parse-inventory";
import { isKubernetesKind, KUBERNETES_KINDS } from "./kind-schemas";
import { PRODUCT_API_VERSION, PRODUCT_KINDS } from "./product-docs";
import { InventoryError } from "./types";

export const ZChange = z.object({
  type: z.enum(["ADDED", "MODIFIED", "DELETED"]),
  object: z.record(z.string(), z.unknown()),
});
export const ZChanges = z.object({ changes: z.array(ZChange).min(1).max(5000) });
export type TChange = z.infer<typeof ZChange>;

/** A change as accepted: its identity, and the document as stored (null when deleted). */
export interface TAcceptedChange {
  type: TChange["type"];
  key: string;
  kind: string;
  namespace: string;
  name: string;
  document: Record<string, unknown> | null;
}

export interface TChangeCheck {
  accepted: TAcceptedChange[];
  rejected: { index: number; error: string }[];
  /** kinds the graph does not use: accepted and ignored, counted */
  ignored: Record<string, number>;
}

/**
 * Validates each change by the same rules as an upload (one document each), so a bad object is
 * refused by index, naming its field, and loses nothing else. A DELETED change needs only its
 * identity (watch events of deletions carry the last state, which may be partial).
 */
export function checkChanges(changes: TChange[], opts: { teams: boolean }): TChangeCheck {
  const out: TChangeCheck = { accepted: [], rejected: [], ignored: {} };
  changes.forEach((change, index) => {
    try {
      const kind = change.object.kind;
      if (!opts.teams && kind === "Team" && change.object.apiVersion === PRODUCT_API_VERSION) throw new Error("Team documents need a token or role that may change teams");
      if (change.type === "DELETED") {
        const key = deletedKey(change);
        if (key === null) {
          const k = String(change.object.kind);
          out.ignored[k] = (out.ignored[k] ?? 0) + 1;
          return;
        }
        const [k, namespace, name] = key.split("\0");
        out.accepted.push({ type: "DELETED", key, kind: k, namespace, name, document: null });
        return;
      }
      const parsed = parseInventory([{ name: `changes[${index}].object`, text: JSON.stringify(change.object), format: "json" }]);
      const [entry] = parsed.documents;
      if (!entry) {
        const skipped = Object.keys(parsed.skipped)[0] ?? String(kind);
        out.ignored[skipped] = (out.ignored[skipped] ?? 0) + 1;
        return;
      }
      const [key, document] = entry;
      const [k, namespace, name] = key.split("\0");
      out.accepted.push({ type: change.type, key, kind: k, namespace, name, document });
    } catch (err) {
      out.rejected.push({ index, error: err instanceof InventoryError ? err.message : (err as Error).message });
    }
  });
  return out;
}

/**
 * A deletion names its object by kind, namespace and name; the rest of its last state (watch
 * events may carry it partial) is not checked. Null when the kind is not one the graph uses.
 */
function deletedKey(change: TChange): string | null {
  const o = change.object as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const kind = typeof o.kind === "string" ? o.kind : "";
  const name = o.metadata?.name;
  if (typeof name !== "string" || name === "") throw new Error("metadata.name: required to name the deleted object");
  if (o.apiVersion === PRODUCT_API_VERSION && PRODUCT_KINDS.includes(kind as (typeof PRODUCT_KINDS)[number])) return `${kind}\0\0${name}`;
  if (!isKubernetesKind(kind)) return null;
  const namespace = KUBERNETES_KINDS[kind].namespaced ? (typeof o.metadata?.namespace === "string" && o.metadata.namespace) || "default" : "";
  return `${kind}\0${namespace}\0${name}`;
}

/** Applies accepted changes in order to the documents (a copy): ADDED and MODIFIED put, DELETED removes. */
export function applyChanges(documents: ReadonlyMap<string, Record<string, unknown>>, changes: readonly Pick<TAcceptedChange, "type" | "key" | "document">[]) {
  const next = new Map(documents);
  for (const c of changes) {
    if (c.type === "DELETED" || !c.document) next.delete(c.key);
    else next.set(c.key, c.document);
  }
  return next;
}

/** The documents as one JSON List, the form an upload takes and a snapshot stores. */
export function documentsAsList(documents: ReadonlyMap<string, Record<string, unknown>>): string {
  return JSON.stringify({ apiVersion: "v1", kind: "List", items: [...documents.values()] });
}
