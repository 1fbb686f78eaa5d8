// The client's address as the server decides it: the socket's peer, or — only when that peer is
// a proxy the operator trusts (TRUSTED_PROXIES, CIDRs) — the nearest untrusted address in
// X-Forwarded-For, read from the right. A client can put anything in X-Forwarded-For; only the
// hops our trusted proxies appended count.
import { cidrContains, parseCidr, parseIp, type TCidr } from "../inventory/ip-cidr";

export function parseTrustedProxies(text: string | undefined): TCidr[] {
  if (!text) return [];
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => {
      const cidr = parseCidr(part.includes("/") ? part : `${part}/${part.includes(":") ? 128 : 32}`);
      if (!cidr) throw new Error(`TRUSTED_PROXIES: ${JSON.stringify(part)} is not an IP address or CIDR block`);
      return cidr;
    });
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything else as it is. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1] : trimmed).slice(0, 64);
}

function trusted(address: string, proxies: readonly TCidr[]): boolean {
  const ip = parseIp(address);
  return ip !== null && proxies.some((p) => cidrContains(p, ip));
}

/** Whether the socket's peer is one of the operator's trusted proxies. */
export function isTrustedProxy(socketAddress: string | undefined, proxies: readonly TCidr[]): boolean {
  return Boolean(socketAddress) && trusted(normalizeAddress(socketAddress!), proxies);
}

export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, proxies: readonly TCidr[]): string | null {
  if (!socketAddress) return null;
  let current = normalizeAddress(socketAddress);
  if (!trusted(current, proxies)) return current;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((h) => normalizeAddress(h))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (parseIp(hops[i]) === null) return current; // garbage: stop at the last address we know
    current = hops[i];
    if (!trusted(current, proxies)) return current;
  }
  return current;
}
