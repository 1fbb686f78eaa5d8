// Masks a whole JSON payload: every string through maskSecrets, every value under a secret-named key.
// Returns a new value and never mutates; drops __proto__/constructor/prototype keys and cuts deep nesting.
import { MASK, applyMaskRules, compileExtraPatterns } from "./mask-secrets";
import { capText, cleanText } from "./text";

export const MAX_MASK_DEPTH = 64;
export const TOO_DEEP = "[too deep]";
const DANGEROUS_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// Compared after lower-casing and dropping non-alphanumerics: "AWS_SECRET_ACCESS_KEY", "apiKey", "db-password".
const SECRET_KEY_ENDINGS = ["password", "passwd", "pwd", "secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "credential", "credentials", "authorization", "cookie", "psk"];

/** True for key names whose values are secrets whatever they look like. */
export function isSecretKey(key: string): boolean {
  if (key.length > 256) return false;
  const flat = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEY_ENDINGS.some((ending) => flat.endsWith(ending));
}

export interface TMaskDeepLimits {
  extra: readonly RegExp[];
  /** cap per string (after masking); Infinity for none */
  maxString: number;
  maxArray: number;
  maxKeys: number;
  maxDepth: number;
}

/** Masks every string inside `value`; see the module comment. */
export function maskDeep(value: unknown, extra?: RegExp[]): unknown {
  const limits: TMaskDeepLimits = { extra: compileExtraPatterns(extra), maxString: Infinity, maxArray: Infinity, maxKeys: Infinity, maxDepth: MAX_MASK_DEPTH };
  return walk(value, limits, 0, false, new Set());
}

/** maskDeep with extra bounds on strings, arrays and objects, for previews of oversized payloads. */
export function maskDeepBounded(value: unknown, limits: TMaskDeepLimits): unknown {
  return walk(value, limits, 0, false, new Set());
}

function walk(value: unknown, limits: TMaskDeepLimits, depth: number, secret: boolean, ancestors: Set<object>): unknown {
  if (typeof value === "string") {
    if (secret) return value === "" ? value : MASK;
    const window = value.length > limits.maxString * 4 ? value.slice(0, limits.maxString * 4) : value;
    return capText(applyMaskRules(cleanText(window), limits.extra), limits.maxString);
  }
  if (typeof value === "number") return secret ? MASK : Number.isFinite(value) ? value : null;
  if (typeof value === "boolean" || value === null) return value;
  if (typeof value === "bigint") return secret ? MASK : value.toString();
  if (typeof value !== "object") return undefined;
  if (depth >= limits.maxDepth) return TOO_DEEP;
  if (ancestors.has(value)) return "[circular]";
  ancestors.add(value);
  try {
    return Array.isArray(value) ? walkArray(value, limits, depth, secret, ancestors) : walkObject(value, limits, depth, secret, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function walkArray(list: unknown[], limits: TMaskDeepLimits, depth: number, secret: boolean, ancestors: Set<object>): unknown[] {
  const out: unknown[] = [];
  const n = Math.min(list.length, limits.maxArray);
  for (let i = 0; i < n; i++) {
    const item = walk(list[i], limits, depth + 1, secret, ancestors);
    out.push(item === undefined ? null : item);
  }
  if (list.length > n) out.push(`[${list.length - n} more]`);
  return out;
}

function walkObject(obj: object, limits: TMaskDeepLimits, depth: number, secret: boolean, ancestors: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = obj as Record<string, unknown>;
  // {name: "DB_PASSWORD", value: "…"} — Kubernetes env entries and Tetragon environment variables.
  const pairKey = ownString(source, "name") ?? ownString(source, "key");
  const pairIsSecret = pairKey !== null && isSecretKey(pairKey);
  let kept = 0;
  let skipped = 0;
  for (const key of Object.keys(obj)) {
    if (DANGEROUS_KEYS.has(key)) continue;
    if (kept >= limits.maxKeys) {
      skipped++;
      continue;
    }
    const childSecret = secret || isSecretKey(key) || (pairIsSecret && key === "value");
    const child = walk(source[key], limits, depth + 1, childSecret, ancestors);
    if (child === undefined) continue;
    // defineProperty, not assignment: a key can never reach a setter on the prototype chain.
    Object.defineProperty(out, cleanText(key), { value: child, enumerable: true, writable: true, configurable: true });
    kept++;
  }
  if (skipped > 0) Object.defineProperty(out, "…", { value: `[${skipped} more keys]`, enumerable: true, writable: true, configurable: true });
  return out;
}

function ownString(obj: Record<string, unknown>, key: string): string | null {
  return Object.hasOwn(obj, key) && typeof obj[key] === "string" ? obj[key] : null;
}
