// IPv4 and IPv6 addresses and CIDR blocks as integers, for NetworkPolicy ipBlock peers
// (e.g. "0.0.0.0/0 except 169.254.169.254/32", the usual guard of the metadata service).

export interface TIpAddress {
  v6: boolean;
  value: bigint;
}

export interface TCidr {
  v6: boolean;
  bits: number;
  /** the network address, host bits cleared */
  base: bigint;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** null when the text is not an IPv4 or IPv6 address. */
export function parseIp(text: string): TIpAddress | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return { v6: false, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === null ? null : { v6: true, value: v6 };
}

function parseIpv4(text: string): bigint | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  let value = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(match[i]);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

// RFC 4291 text forms: eight hextets, one "::" for a run of zeros, an IPv4 tail.
function parseIpv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = halves.map((half) => (half === "" ? [] : half.split(":")));
  const hextets: number[][] = [];
  for (const [h, group] of groups.entries()) {
    const values: number[] = [];
    for (const [i, part] of group.entries()) {
      const isLast = h === groups.length - 1 && i === group.length - 1;
      if (isLast && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (v4 === null) return null;
        values.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (HEXTET.test(part)) values.push(parseInt(part, 16));
      else return null;
    }
    hextets.push(values);
  }
  const count = hextets.reduce((sum, values) => sum + values.length, 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return null;
  const all = halves.length === 1 ? hextets[0] : [...hextets[0], ...Array<number>(8 - count).fill(0), ...hextets[1]];
  return all.reduce((value, hextet) => (value << 16n) | BigInt(hextet), 0n);
}

/** null when the text is not "address/prefix-length". */
export function parseCidr(text: string): TCidr | null {
  const slash = text.indexOf("/");
  if (slash < 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const width = ip.v6 ? 128 : 32;
  if (bits > width) return null;
  const shift = BigInt(width - bits);
  return { v6: ip.v6, bits, base: (ip.value >> shift) << shift };
}

export function cidrContains(cidr: TCidr, ip: TIpAddress): boolean {
  if (cidr.v6 !== ip.v6) return false;
  const shift = BigInt((ip.v6 ? 128 : 32) - cidr.bits);
  return ip.value >> shift === cidr.base >> shift;
}
