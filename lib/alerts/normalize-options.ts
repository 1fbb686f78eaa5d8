// Resolves TNormalizeOptions once per event: defaults, validated caps, compiled extra patterns.
import type { TMaskPattern } from "./mask-patterns";
import { DEFAULT_MAX_RAW_BYTES } from "./raw-payload";
import { DEFAULT_MAX_FIELD_LENGTH, prepareName, prepareText } from "./text";
import type { TNormalizeOptions, TSeverity } from "./types";

export interface TResolvedOptions {
  extra: readonly TMaskPattern[];
  maxField: number;
  maxRawBytes: number;
  policySeverity: Record<string, TSeverity>;
  defaultSeverity: TSeverity;
  /** clean, mask and cap free text (command lines, output, paths) */
  text(value: string): string;
  text(value: string | null): string | null;
  /**
   * What text() made of each string of this event, by the string it was given: the raw payload
   * holds the same command line and output again, and they are not masked a second time.
   */
  prepared: ReadonlyMap<string, string>;
  /** clean and cap identifiers (names, ids) */
  name(value: string): string;
  name(value: string | null): string | null;
}

export function resolveOptions(opts: TNormalizeOptions | undefined): TResolvedOptions {
  const maxField = positiveInt(opts?.maxFieldLength, DEFAULT_MAX_FIELD_LENGTH);
  const extra = opts?.maskPatterns ?? [];
  const prepared = new Map<string, string>();
  function text(value: string): string;
  function text(value: string | null): string | null;
  function text(value: string | null): string | null {
    if (value === null) return null;
    const done = prepared.get(value);
    if (done !== undefined) return done;
    const out = prepareText(value, maxField, extra);
    prepared.set(value, out);
    return out;
  }
  function name(value: string): string;
  function name(value: string | null): string | null;
  function name(value: string | null): string | null {
    return value === null ? null : prepareName(value, maxField);
  }
  return {
    extra,
    maxField,
    maxRawBytes: positiveInt(opts?.maxRawBytes, DEFAULT_MAX_RAW_BYTES),
    policySeverity: opts?.tetragonPolicySeverity ?? {},
    defaultSeverity: opts?.tetragonDefaultSeverity ?? "warning",
    text,
    prepared,
    name,
  };
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
