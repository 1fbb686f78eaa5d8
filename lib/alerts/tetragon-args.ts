// Reads Tetragon hook arguments ({file_arg}, {sock_arg}, {int_arg}, …) leniently: an argument of a
// shape we do not know is skipped, never trusted, and only the first few are looked at.
import { isRecord } from "./parse-with";
import type { TNetworkPeer } from "./types";

const MAX_ARGS = 16;

export interface THookFacts {
  file: string | null;
  network: TNetworkPeer | null;
  access: "read" | "write" | null;
  /** short "key=value" notes for the one-line summary: module, capability, string arguments */
  notes: string[];
}

const PROTOCOLS: Record<number, string> = { 1: "icmp", 6: "tcp", 17: "udp", 58: "icmpv6", 132: "sctp" };

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function text(obj: Record<string, unknown>, key: string): string | null {
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
  return typeof value === "string" && value !== "" ? value : null;
}

function port(obj: Record<string, unknown>, key: string): number | null {
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : null;
}

export function normalizeProtocol(value: unknown): string | null {
  if (typeof value === "number") return PROTOCOLS[value] ?? null;
  if (typeof value !== "string" || value === "" || value.length > 32) return null;
  return value.toLowerCase().replace(/^ipproto_/, "");
}

/** What a hook's arguments say about the file, the peer and the kind of access. */
export function readHookArgs(args: unknown, functionName: string | null): THookFacts {
  const facts: THookFacts = { file: null, network: null, access: null, notes: [] };
  const ints: number[] = [];
  const list = Array.isArray(args) ? args.slice(0, MAX_ARGS) : [];
  for (const arg of list) {
    if (!isRecord(arg)) continue;
    const file = pick(arg, ["file_arg", "path_arg", "linux_binprm_arg"]);
    if (file && facts.file === null) facts.file = text(file, "path");
    const sock = pick(arg, ["sock_arg", "skb_arg"]);
    if (sock && facts.network === null) {
      facts.network = { peerIp: text(sock, "daddr"), peerPort: port(sock, "dport"), protocol: normalizeProtocol(own(sock, "protocol") ?? own(sock, "proto")) };
    }
    const sockaddr = pick(arg, ["sockaddr_arg"]);
    if (sockaddr && facts.network === null) facts.network = { peerIp: text(sockaddr, "addr"), peerPort: port(sockaddr, "port"), protocol: null };
    const kernelModule = pick(arg, ["module_arg"]);
    if (kernelModule && text(kernelModule, "name")) facts.notes.push(`module=${text(kernelModule, "name")}`);
    const capability = pick(arg, ["capability_arg"]);
    if (capability && text(capability, "name")) facts.notes.push(`capability=${text(capability, "name")}`);
    if (Object.hasOwn(arg, "string_arg") && typeof arg.string_arg === "string") {
      if (facts.file === null && arg.string_arg.startsWith("/")) facts.file = arg.string_arg;
      else facts.notes.push(`arg=${arg.string_arg.slice(0, 256)}`);
    }
    if (Object.hasOwn(arg, "int_arg") && typeof arg.int_arg === "number") ints.push(arg.int_arg);
  }
  facts.access = accessOfHook(functionName, ints);
  return facts;
}

function pick(arg: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> | null {
  for (const key of keys) {
    if (Object.hasOwn(arg, key) && isRecord(arg[key])) return arg[key];
  }
  return null;
}

// security_file_permission(file, mask): MAY_WRITE 0x2, MAY_READ 0x4, MAY_APPEND 0x8 (include/linux/fs.h).
function accessOfHook(functionName: string | null, ints: readonly number[]): "read" | "write" | null {
  if (functionName === null) return null;
  if (functionName === "security_file_permission" && ints.length > 0) {
    if ((ints[0] & 0xa) !== 0) return "write";
    if ((ints[0] & 0x4) !== 0) return "read";
  }
  if (/write|truncate|unlink|rename|mkdir|rmdir|symlink|link|chmod|chown|mknod/i.test(functionName)) return "write";
  if (/read/i.test(functionName)) return "read";
  return null;
}
