// Runs a zod schema over an untrusted event and turns the first issue into an AlertParseError
// that names the field ("output_fields", "process_kprobe.process.pid"), never echoing the value.
import type { z } from "zod";
import { AlertParseError, describeType, joinFieldPath } from "./alert-parse-error";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses `input` (already known to be an object) or throws for the first failing field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix: string): z.output<S> {
  if (!isRecord(input)) throw new AlertParseError(prefix || "event", `expected a JSON object, got ${describeType(input)}`);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = joinFieldPath(prefix, issue.path);
  const missing = issue.code === "invalid_type" && valueAt(input, issue.path) === undefined;
  throw new AlertParseError(field, missing ? "required" : issue.message);
}

// Own properties only: a "__proto__" key in the payload must not answer for a missing field.
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (typeof current !== "object" || current === null || typeof segment === "symbol") return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
