// Array literals for passing a text[] per row through unnest (which cannot take ragged 2-D arrays).

/** PostgreSQL array literal of `values`, e.g. {"a","b \\"c\\""}. */
export function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
