// The only error normalization throws: a rejected event, naming the field at fault, so the
// ingest endpoint can answer `rejected: [{index, error}]` with a message a sensor operator can act on.

export class AlertParseError extends Error {
  readonly field: string;

  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = "AlertParseError";
    this.field = field;
  }
}

/** `output_fields["k8s.ns.name"]`, `process_kprobe.process.pod.name`, `args[2]`. */
export function joinFieldPath(prefix: string, segments: readonly PropertyKey[]): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path === "" ? "event" : path;
}

/** Describes a value's JSON type for messages, never echoing attacker text. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
