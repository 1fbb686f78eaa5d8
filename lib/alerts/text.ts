// Attacker-controlled strings become storable data: valid UTF-16 without NUL (PostgreSQL text
// and jsonb reject both), secrets masked, and capped so one 5 MB field cannot bloat a row.
import { applyMaskRules } from "./mask-secrets";
import type { TMaskPattern } from "./mask-patterns";

export const DEFAULT_MAX_FIELD_LENGTH = 8 * 1024;
export const TRUNCATION_MARK = "…[truncated]";

// Masking looks a little past the cap, so a secret that straddles the cut is still recognised.
const MASK_LOOKAHEAD = 4;

/** Replaces NUL and lone surrogates with U+FFFD. */
export function cleanText(text: string): string {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  return wellFormed.includes("\u0000") ? wellFormed.replaceAll("\u0000", "\uFFFD") : wellFormed;
}

/** Cuts text longer than `max` characters, on a code point boundary, and marks the cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + TRUNCATION_MARK;
}

/** Clean, mask and cap one string field. */
export function prepareText(text: string, max: number, extra: readonly TMaskPattern[]): string {
  const window = text.length > max * MASK_LOOKAHEAD ? text.slice(0, max * MASK_LOOKAHEAD) : text;
  return capText(applyMaskRules(cleanText(window), extra), max);
}

/** Like prepareText for identifiers (names, ids, paths) that hold no secrets worth a regex pass. */
export function prepareName(text: string, max: number): string {
  return capText(cleanText(text.length > max * 2 ? text.slice(0, max * 2) : text), max);
}

/** Collapses control characters so a summary stays on one line. */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ");
}
