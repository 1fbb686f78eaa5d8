// Parses inventory sources (kubectl `List` JSON, single objects, multi-document YAML) into one
// cluster's typed inventory: known kinds validated and filed, unknown kinds counted and skipped.
import type { z } from "zod";
import { formatFieldPath } from "./field-path";
import { isKubernetesKind, KUBERNETES_KINDS, ZObjectMeta } from "./kind-schemas";
import { PRODUCT_API_VERSION, PRODUCT_GROUP, PRODUCT_KINDS, readProductDoc } from "./product-docs";
import { forEachDocument } from "./read-documents";
import { redactSecret } from "./redact-secret";
import { InventoryError, type TInventory, type TInventorySource, type TK8sObject, type TLabels } from "./types";

interface TCollector {
  inventory: TInventory;
  skipped: Map<string, number>;
  /** `kind \0 namespace \0 name` → position in its list: a later copy replaces an earlier one, as `kubectl apply` would */
  positions: Map<string, number>;
}

/**
 * Merges every source into one cluster. Throws InventoryError on the first bad document. `cache`,
 * when given, learns how each document was filed (what inventoryOfDocuments reads back).
 */
export function parseInventory(sources: TInventorySource[], cache?: WeakMap<object, TFiledDocument>): TInventory {
  const collector = newCollector();
  for (const source of sources) {
    forEachDocument(source, (value, index, path) => {
      const filed = classifyDocument(source.name, value, index, path);
      if (cache) remember(cache, value as object, filed);
      file(collector, filed);
    });
  }
  return finish(collector);
}

function newCollector(): TCollector {
  return { inventory: emptyInventory(), skipped: new Map(), positions: new Map() };
}

function finish({ inventory, skipped, positions }: TCollector): TInventory {
  inventory.skipped = Object.fromEntries([...skipped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  inventory.objects = positions.size;
  return inventory;
}

// The record kept (a Secret's is redacted) is what a later inventoryOfDocuments finds in its documents.
function remember(cache: WeakMap<object, TFiledDocument>, value: object, filed: TFiledDocument): void {
  cache.set(value, filed);
  if (!("skipped" in filed)) cache.set(filed.document, filed);
}

function emptyInventory(): TInventory {
  return {
    objects: 0,
    skipped: {},
    namespaces: [],
    nodes: [],
    pods: [],
    controllers: [],
    serviceAccounts: [],
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
    secrets: [],
    services: [],
    endpoints: [],
    endpointSlices: [],
    networkPolicies: [],
    sensitiveAssets: [],
    cloudRoles: [],
    teams: [],
    documents: new Map(),
  };
}

/** Where one accepted document goes: its identity, the document as kept, and the record its list holds. */
export type TFiledDocument =
  | { key: string; document: Record<string, unknown>; list: TListName; record: unknown }
  | { skipped: string };
type TListName = { [K in keyof TInventory]: TInventory[K] extends unknown[] ? K : never }[keyof TInventory];

function file(collector: TCollector, filed: TFiledDocument): void {
  if ("skipped" in filed) {
    collector.skipped.set(filed.skipped, (collector.skipped.get(filed.skipped) ?? 0) + 1);
    return;
  }
  collector.inventory.documents.set(filed.key, filed.document);
  store(collector, collector.inventory[filed.list] as unknown[], filed.key, filed.record);
}

/**
 * An inventory from documents already accepted once (a live inventory's current documents with
 * its changes applied): each document is validated and classified only the first time `cache`
 * sees it, so a run over 20,000 documents with a few changed checks those few. The result is the
 * one parseInventory gives for the same documents as one List, in the same order.
 */
export function inventoryOfDocuments(documents: ReadonlyMap<string, Record<string, unknown>>, cache: WeakMap<object, TFiledDocument>): TInventory {
  const collector = newCollector();
  let index = 0;
  for (const document of documents.values()) {
    let filed = cache.get(document);
    if (!filed) remember(cache, document, (filed = classifyDocument("current inventory", document, index, `items[${index}]`)));
    file(collector, filed);
    index++;
  }
  return finish(collector);
}

function classifyDocument(source: string, value: unknown, index: number, path: string): TFiledDocument {
  const fail = (segments: readonly PropertyKey[], reason: string) => new InventoryError(source, index, formatFieldPath(path, segments), reason);
  const failOn = (error: z.ZodError, segments: readonly PropertyKey[] = []) => {
    const issue = error.issues[0];
    return fail([...segments, ...issue.path], issue.message);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail([], "expected an object");
  const object = value as Record<string, unknown>;
  const { kind, apiVersion } = object;
  if (typeof kind !== "string" || kind === "") throw fail(["kind"], "required: a non-empty string");

  if (typeof apiVersion === "string" && apiVersion.split("/")[0] === PRODUCT_GROUP) {
    if (apiVersion !== PRODUCT_API_VERSION) throw fail(["apiVersion"], `unsupported version: expected ${PRODUCT_API_VERSION}`);
    const productKind = PRODUCT_KINDS.find((known) => known === kind);
    if (!productKind) throw fail(["kind"], `unknown kind: expected one of ${PRODUCT_KINDS.join(", ")}`);
    const read = readProductDoc(productKind, object);
    if ("error" in read) throw failOn(read.error);
    const { doc } = read;
    const key = `${doc.kind}\0\0${doc.record.name}`;
    const list = doc.kind === "SensitiveAsset" ? "sensitiveAssets" : doc.kind === "CloudRole" ? "cloudRoles" : "teams";
    return { key, document: object, list, record: doc.record };
  }

  if (!isKubernetesKind(kind)) return { skipped: kind };
  const rule = KUBERNETES_KINDS[kind];
  const metadata = ZObjectMeta.safeParse(object.metadata);
  if (!metadata.success) throw failOn(metadata.error, ["metadata"]);
  // Secrets are checked on metadata and type only: nothing that reads their values runs before redaction.
  const body = rule.schema.safeParse(object);
  if (!body.success) throw failOn(body.error);

  normalizeMetadata(object.metadata as TK8sObject["metadata"], rule.namespaced);
  const record = kind === "Secret" ? redactSecret(object as TK8sObject) : (object as TK8sObject);
  const { namespace = "", name } = record.metadata;
  return { key: `${kind}\0${namespace}\0${name}`, document: record, list: rule.list, record };
}

// In place: the parsed tree is ours, and copying every pod of a 10,000-pod List would cost more than it protects.
function normalizeMetadata(metadata: TK8sObject["metadata"] & { namespace?: string | null }, namespaced: boolean): void {
  // A namespaced object without a namespace lands in "default", as `kubectl apply` would put it.
  if (namespaced) {
    if (!metadata.namespace) metadata.namespace = "default";
  } else if (metadata.namespace !== undefined) {
    delete metadata.namespace;
  }
  normalizeStringMap(metadata, "labels");
  normalizeStringMap(metadata, "annotations");
}

function normalizeStringMap(metadata: TK8sObject["metadata"], field: "labels" | "annotations"): void {
  const map = metadata[field] as Record<string, string | null> | null | undefined;
  if (map === null) {
    delete metadata[field];
    return;
  }
  if (!map) return;
  for (const key in map) if (map[key] === null) (map as TLabels)[key] = "";
}

function store<T>(collector: TCollector, list: T[], key: string, record: T): void {
  const at = collector.positions.get(key);
  if (at === undefined) {
    collector.positions.set(key, list.length);
    list.push(record);
  } else {
    list[at] = record;
  }
}
