import { describe, expect, it } from "vitest";
import { cidrContains, parseCidr, parseIp } from "./ip-cidr";

const inside = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, parseIp(ip)!);

describe("ip-cidr", () => {
  it("parses IPv4 and IPv6 text forms, and refuses the rest", () => {
    expect(parseIp("169.254.169.254")).toEqual({ v6: false, value: 0xa9fea9fen });
    expect(parseIp("::1")).toEqual({ v6: true, value: 1n });
    expect(parseIp("fd00::")?.value).toBe(0xfd00n << 112n);
    expect(parseIp("::ffff:10.0.0.1")?.value).toBe((0xffffn << 32n) | 0x0a000001n);
    expect(parseIp("1:2:3:4:5:6:7:8")?.v6).toBe(true);
    for (const bad of ["256.0.0.1", "1.2.3", "1.2.3.4.5", "a::b::c", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "", "localhost"]) expect(parseIp(bad)).toBeNull();
  });

  it("parses CIDRs, clearing host bits, and refuses bad prefixes", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ v6: false, bits: 8, base: 0x0a000000n });
    expect(parseCidr("0.0.0.0/0")).toEqual({ v6: false, bits: 0, base: 0n });
    for (const bad of ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "::/129", "10.0.0.0/x"]) expect(parseCidr(bad)).toBeNull();
  });

  it("tests containment within one address family", () => {
    expect(inside("0.0.0.0/0", "8.8.8.8")).toBe(true);
    expect(inside("169.254.169.254/32", "169.254.169.254")).toBe(true);
    expect(inside("169.254.169.254/32", "169.254.169.255")).toBe(false);
    expect(inside("172.16.0.0/12", "172.31.255.255")).toBe(true);
    expect(inside("172.16.0.0/12", "172.32.0.0")).toBe(false);
    expect(inside("::/0", "fd00::1")).toBe(true);
    expect(inside("0.0.0.0/0", "::1")).toBe(false);
    expect(inside("::/0", "10.0.0.1")).toBe(false);
  });
});
