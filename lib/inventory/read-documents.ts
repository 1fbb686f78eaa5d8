// Splits one inventory source into documents: JSON (an object, a `*List`, or an array) or
// multi-document YAML read with kubectl's YAML 1.1 rules. Syntax errors become InventoryError.
import { parseAllDocuments, type Tags } from "yaml";
import { InventoryError, type TInventorySource } from "./types";

/** value: the parsed document; index: reported in errors; path: prefix of field paths ("items[3]") */
export type TDocumentVisitor = (value: unknown, index: number, path: string) => void;

const SYNTAX = "(syntax)";

/** Calls visit once per document, with `List` items and array elements unrolled; empty YAML documents are skipped. */
export function forEachDocument(source: TInventorySource, visit: TDocumentVisitor): void {
  const text = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text;
  const roots = readRoots(source.name, text, source.format);
  const documents = roots.filter((value) => value !== null && value !== undefined);
  // A source that is one List numbers its items, as `kubectl get -o json` users count them.
  const single = documents.length === 1;
  documents.forEach((value, documentIndex) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, single ? i : documentIndex, `[${i}]`));
    } else if (isList(value)) {
      const items = value.items ?? [];
      if (!Array.isArray(items)) throw new InventoryError(source.name, documentIndex, "items", "expected an array");
      // The raw API (`kubectl get --raw`) leaves kind out of a typed List's items: PodList holds Pods.
      const itemKind = typeof value.kind === "string" && value.kind.length > 4 ? value.kind.slice(0, -4) : undefined;
      items.forEach((item, i) => {
        if (itemKind && typeof item === "object" && item !== null && !("kind" in item)) (item as { kind?: string }).kind = itemKind;
        visit(item, single ? i : documentIndex, `items[${i}]`);
      });
    } else {
      visit(value, documentIndex, "");
    }
  });
}

// JSON when declared or when the text opens like JSON; a guess that fails JSON is retried as
// YAML, which also reads flow-style (`{kind: Pod, …}`) and templated files, and names the error.
function readRoots(name: string, text: string, format: TInventorySource["format"]): unknown[] {
  if (format === "yaml") return readYaml(name, text);
  const first = /\S/.exec(text)?.[0];
  if (format !== "json" && first !== "{" && first !== "[") return readYaml(name, text);
  try {
    return [JSON.parse(text)];
  } catch (error) {
    if (format === "json") throw new InventoryError(name, 0, SYNTAX, describeJsonError(text, error));
    return readYaml(name, text);
  }
}

// `List`, `PodList`, `RoleBindingList`…: what kubectl prints for several objects. Some dumps
// leave out the List's own kind, so an object holding only `items` counts as one too.
function isList(value: unknown): value is { items?: unknown; kind?: unknown } {
  if (typeof value !== "object" || value === null || !("items" in value)) return false;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === "string" ? kind.endsWith("List") : kind === undefined && Array.isArray(value.items);
}

// V8 quotes a slice of the input in some messages: never repeat it (it may hold secret data).
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  let reason = message.replace(/,? ".*" is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
  if (reason.includes('"') || reason.length > 120) reason = "invalid JSON";
  if (!position) return reason;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = Number(position[1]) - before.lastIndexOf("\n");
  return `${reason} at line ${line}, column ${column}`;
}

// kubectl reads YAML 1.1 (yes/no/on/off are booleans, `<<` merges) but keeps timestamps and
// sexagesimal numbers as plain scalars, and knows none of the exotic collection tags.
const DROPPED_TAGS = new Set(["tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs", "tag:yaml.org,2002:set"]);
const keepKubectlTags = (tags: Tags): Tags =>
  tags.filter((tag) => typeof tag === "string" || !(DROPPED_TAGS.has(tag.tag) || ("format" in tag && tag.format === "TIME")));

function readYaml(name: string, text: string): unknown[] {
  const parsed = parseAllDocuments(text, { version: "1.1", customTags: keepKubectlTags, stringKeys: true, logLevel: "error" });
  const documents = Array.isArray(parsed) ? parsed : [];
  const values: unknown[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const where = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "";
      // The message ends with a quote of the source lines: keep only the description.
      const hint = text.includes("{{") ? " (an unrendered template? render it with helm template first)" : "";
      const description = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new InventoryError(name, values.length, SYNTAX, `${description}${where}${hint}`);
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      throw new InventoryError(name, values.length, SYNTAX, cause instanceof Error ? cause.message : "unreadable document");
    }
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}
