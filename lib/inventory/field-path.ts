// Dotted field paths for error messages: `items[3].metadata.name`, `metadata.labels["app.kubernetes.io/name"]`.

/** Joins a document's path prefix with the path zod reports inside it. */
export function formatFieldPath(prefix: string, segments: readonly PropertyKey[]): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$-]*$/.test(segment)) path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path === "" ? "(document)" : path;
}
