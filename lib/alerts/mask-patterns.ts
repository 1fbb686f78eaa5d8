// Operator-supplied masking patterns (MASK_PATTERNS): compiled once, on RE2's linear-time engine
// (re2js), so no pattern an operator writes can make masking backtrack on attacker text.
// Syntax is RE2's: `(?i)` for case-insensitive, `(?P<secret>…)` or `(?<secret>…)` to mask only
// that group; back-references and look-around are not supported (RE2 refuses them).
import { RE2JS } from "re2js";

export interface TMaskPattern {
  /** the pattern as the operator wrote it */
  readonly source: string;
  readonly re: RE2JS;
  readonly hasSecretGroup: boolean;
}

export class MaskPatternError extends Error {
  constructor(
    readonly line: number,
    readonly pattern: string,
    reason: string,
  ) {
    super(`MASK_PATTERNS line ${line} (${JSON.stringify(pattern.slice(0, 80))}): ${reason}`);
    this.name = "MaskPatternError";
  }
}

/** Compiles one pattern; throws MaskPatternError naming `line`. */
export function compileMaskPattern(source: string, line = 1): TMaskPattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (err) {
    throw new MaskPatternError(line, source, err instanceof Error ? err.message : String(err));
  }
  return { source, re, hasSecretGroup: "secret" in re.namedGroups() };
}

const compiled = new Map<string, TMaskPattern[]>();

/** MASK_PATTERNS as the environment gives them: one pattern per line, blank lines ignored. Cached by text. */
export function compileMaskPatterns(text: string): TMaskPattern[] {
  const known = compiled.get(text);
  if (known) return known;
  const out: TMaskPattern[] = [];
  text.split("\n").forEach((raw, i) => {
    const source = raw.trim();
    if (source !== "") out.push(compileMaskPattern(source, i + 1));
  });
  if (compiled.size > 16) compiled.clear();
  compiled.set(text, out);
  return out;
}

/** Replaces every match of `pattern` in `text` with `mask` (only the `secret` group when the pattern has one). */
export function applyMaskPattern(text: string, pattern: TMaskPattern, mask: string): string {
  const m = pattern.re.matcher(text);
  let out = "";
  let last = 0;
  let from = 0;
  while (from <= text.length && m.find(from)) {
    const start = m.start();
    const end = m.end();
    if (end === start) {
      // an empty match masks nothing; step over it
      from = end + 1;
      continue;
    }
    let cutStart = start;
    let cutEnd = end;
    if (pattern.hasSecretGroup) {
      const s = m.start("secret");
      const e = m.end("secret");
      if (s >= 0 && e > s) {
        cutStart = s;
        cutEnd = e;
      }
    }
    out += text.slice(last, cutStart) + mask;
    last = cutEnd;
    from = end;
  }
  return last === 0 ? text : out + text.slice(last);
}
