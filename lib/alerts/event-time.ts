// Event times in nanoseconds: RFC 3339 text with up to 9 fraction digits, or Falco's `evt.time`
// (ns since the epoch as a number or a digit string). Dates outside 2000–2099 are rejected, not guessed.
import { AlertParseError, describeType } from "./alert-parse-error";

export interface TEventTime {
  time: Date;
  timeNs: string;
}

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
export const MIN_TIME_NS = BigInt(Date.UTC(2000, 0, 1)) * NS_PER_MS;
export const MAX_TIME_NS = BigInt(Date.UTC(2100, 0, 1)) * NS_PER_MS;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,30}))?([Zz]|[+-]\d{2}:?\d{2})$/;

/** Nanoseconds since the epoch from RFC 3339 text; throws AlertParseError naming `field`. */
export function parseRfc3339Ns(value: unknown, field: string): bigint {
  if (typeof value !== "string") throw new AlertParseError(field, `expected an RFC 3339 time string, got ${describeType(value)}`);
  const match = value.length <= 64 ? RFC3339.exec(value.trim()) : null;
  if (!match) throw new AlertParseError(field, "not an RFC 3339 time");
  const [, y, mo, d, h, mi, s, frac = "", zone] = match;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new AlertParseError(field, "not a valid calendar time");
  }
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const digits = zone.replace(":", "");
    const oh = Number(digits.slice(1, 3)), om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) throw new AlertParseError(field, "not a valid UTC offset");
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om);
  }
  const epochSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMinutes * 60;
  return checkRange(BigInt(epochSeconds) * NS_PER_S + BigInt(frac.slice(0, 9).padEnd(9, "0")), field);
}

/**
 * Falco's `evt.time`: ns since the epoch. A JSON number that large has lost its last digits, so when
 * `fallbackNs` (the event's RFC 3339 `time`) agrees within a microsecond, its exact value is used.
 * Returns null for the clock-only text older Falco versions print ("09:15:40.698757000").
 */
export function parseEpochNs(value: unknown, field: string, fallbackNs: bigint): bigint | null {
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value <= 0) throw new AlertParseError(field, "expected a positive integer of nanoseconds");
    const ns = BigInt(value);
    if (Number.isSafeInteger(value)) return checkRange(ns, field);
    const drift = ns > fallbackNs ? ns - fallbackNs : fallbackNs - ns;
    return checkRange(drift <= 1000n ? fallbackNs : ns, field);
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (/^\d{1,20}$/.test(text)) return checkRange(BigInt(text), field);
    if (/^\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/.test(text)) return null;
    if (RFC3339.test(text)) return parseRfc3339Ns(text, field);
    throw new AlertParseError(field, "expected nanoseconds since the epoch");
  }
  throw new AlertParseError(field, `expected nanoseconds since the epoch, got ${describeType(value)}`);
}

export function toEventTime(ns: bigint): TEventTime {
  return { time: new Date(Number(ns / NS_PER_MS)), timeNs: ns.toString() };
}

function checkRange(ns: bigint, field: string): bigint {
  if (ns < MIN_TIME_NS || ns >= MAX_TIME_NS) throw new AlertParseError(field, "time outside 2000–2099");
  return ns;
}

/** Event times a batch accepts: no older than retention (it would be dropped at once), at most 10 minutes ahead. */
export interface TTimeWindow {
  fromMs: number;
  toMs: number;
}

export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export function acceptedTimeWindow(retentionDays: number, nowMs = Date.now()): TTimeWindow {
  return { fromMs: nowMs - retentionDays * 86_400_000, toMs: nowMs + MAX_CLOCK_SKEW_MS };
}

/** Why `time` is outside `window`, or null when it is inside. */
export function timeWindowError(time: Date, window: TTimeWindow): string | null {
  const t = time.getTime();
  if (t < window.fromMs) return `time: ${time.toISOString()} is older than alert retention (${new Date(window.fromMs).toISOString()}): it would be dropped at once`;
  if (t > window.toMs) return `time: ${time.toISOString()} is more than 10 minutes ahead of the server clock (${new Date(window.toMs - MAX_CLOCK_SKEW_MS).toISOString()})`;
  return null;
}
