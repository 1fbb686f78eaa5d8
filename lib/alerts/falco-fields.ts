// Reads Falco `output_fields`: any field may be absent, null or "<NA>" (all mean "unknown"), numbers may
// come as strings, and a connection shows up only as an fd.name tuple "10.0.0.5:43812->10.96.0.1:443".
import { AlertParseError, describeType, joinFieldPath } from "./alert-parse-error";
import type { TNetworkPeer } from "./types";

export type TFields = Record<string, unknown>;

const UNKNOWN = new Set(["", "<NA>", "<na>", "N/A"]);

function fieldName(key: string): string {
  return joinFieldPath("output_fields", [key]);
}

/** A field as text, or null when absent/unknown; arrays and objects are rejected. */
export function fieldText(fields: TFields, key: string): string | null {
  if (!Object.hasOwn(fields, key)) return null;
  const value = fields[key];
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return UNKNOWN.has(value.trim()) ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new AlertParseError(fieldName(key), `expected a string, got ${describeType(value)}`);
}

/** The first of several keys that holds a value. */
export function firstText(fields: TFields, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = fieldText(fields, key);
    if (value !== null) return value;
  }
  return null;
}

/** An integer field within [min, max], or null when absent/unknown. */
export function fieldInt(fields: TFields, key: string, min: number, max: number): number | null {
  const text = fieldText(fields, key);
  if (text === null) return null;
  const n = /^-?\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new AlertParseError(fieldName(key), `expected an integer from ${min} to ${max}`);
  return n;
}

/** "repo" + ":" + "tag", or Falco's combined `container.image`. */
export function imageOf(fields: TFields): string | null {
  const repository = fieldText(fields, "container.image.repository");
  if (repository === null) return fieldText(fields, "container.image");
  const tag = fieldText(fields, "container.image.tag");
  const digest = fieldText(fields, "container.image.digest");
  if (tag !== null) return `${repository}:${tag}`;
  return digest !== null ? `${repository}@${digest}` : repository;
}

// "ip:port->ip:port"; IPv6 addresses may be bracketed or bare (the port is after the last colon).
const TUPLE = /^\s*(\[?[0-9A-Fa-f:.]{2,45}\]?):(\d{1,5})->(\[?[0-9A-Fa-f:.]{2,45}\]?):(\d{1,5})\s*$/;

export function parseConnectionTuple(text: string): { localIp: string; localPort: number; peerIp: string; peerPort: number } | null {
  const match = text.length <= 128 ? TUPLE.exec(text) : null;
  if (!match) return null;
  const strip = (ip: string) => ip.replace(/^\[|\]$/g, "");
  const localPort = Number(match[2]), peerPort = Number(match[4]);
  if (localPort > 65535 || peerPort > 65535) return null;
  return { localIp: strip(match[1]), localPort, peerIp: strip(match[3]), peerPort };
}

/** The remote end: fd.rip/fd.rport, else the server (fd.sip/fd.sport), else the fd.name tuple. */
export function networkOf(fields: TFields): TNetworkPeer | null {
  const fdName = fieldText(fields, "fd.name");
  const tuple = fdName === null ? null : parseConnectionTuple(fdName);
  const peerIp = firstText(fields, ["fd.rip", "fd.sip"]) ?? tuple?.peerIp ?? null;
  const peerPort = fieldInt(fields, "fd.rport", 0, 65535) ?? fieldInt(fields, "fd.sport", 0, 65535) ?? tuple?.peerPort ?? null;
  const l4 = fieldText(fields, "fd.l4proto");
  if (peerIp === null && peerPort === null) return null;
  return { peerIp, peerPort, protocol: l4 === null ? null : l4.toLowerCase() };
}

// A unix socket's fd.name is "<addr>-><addr> /run/containerd/containerd.sock".
const UNIX_PREFIX = /^[0-9a-fA-Fx]{1,32}->[0-9a-fA-Fx]{1,32}\s+/;

/** The file or socket path the event touched; a network tuple is not a file. */
export function fileOf(fields: TFields): string | null {
  const fdName = fieldText(fields, "fd.name");
  const fdType = fieldText(fields, "fd.type");
  if (fdName !== null && fdType !== "ipv4" && fdType !== "ipv6" && parseConnectionTuple(fdName) === null) {
    return fdName.replace(UNIX_PREFIX, "");
  }
  return firstText(fields, ["fs.path.name", "evt.arg.linkpath", "evt.arg.pathname", "evt.arg.path", "evt.arg.name", "evt.arg.filename"]);
}

const WRITE_SYSCALLS = new Set(["write", "pwrite", "writev", "pwritev", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "symlink", "symlinkat", "link", "linkat", "chmod", "fchmod", "fchmodat", "truncate", "ftruncate", "creat"]);
const READ_SYSCALLS = new Set(["read", "pread", "readv", "preadv", "sendfile"]);

/** Read or write, from open flags, evt.is_open_*, the syscall, or the rule's own words. */
export function accessOf(fields: TFields, rule: string): "read" | "write" | null {
  const flags = fieldText(fields, "evt.arg.flags");
  if (flags !== null) {
    if (/O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)/.test(flags)) return "write";
    if (/O_RDONLY/.test(flags)) return "read";
  }
  if (fieldText(fields, "evt.is_open_write") === "true") return "write";
  if (fieldText(fields, "evt.is_open_read") === "true") return "read";
  const syscall = fieldText(fields, "evt.type");
  if (syscall !== null && WRITE_SYSCALLS.has(syscall)) return "write";
  if (syscall !== null && READ_SYSCALLS.has(syscall)) return "read";
  if (/\b(write|modify|create|drift|clear log|remove|delete|rename|mkdir|symlink|hardlink|setuid|release_agent)\b/i.test(rule)) return "write";
  if (/\bread\b/i.test(rule)) return "read";
  return null;
}
