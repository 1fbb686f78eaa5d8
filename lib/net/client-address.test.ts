import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("clientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.5");

  it("takes the socket's peer, ignoring X-Forwarded-For from anyone not trusted", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", [])).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", undefined, [])).toBe("203.0.113.9");
  });

  it("behind trusted proxies, takes the nearest untrusted hop from the right, not the client's own claim", () => {
    // the client claimed 1.2.3.4; the proxy appended the real peer 198.51.100.7
    expect(clientAddress("10.1.2.3", "1.2.3.4, 198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientAddress("192.168.1.5", "198.51.100.7, 10.9.9.9", proxies)).toBe("198.51.100.7");
    expect(clientAddress("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
    expect(clientAddress("10.1.2.3", "not-an-ip", proxies)).toBe("10.1.2.3");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or block", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(/TRUSTED_PROXIES: "proxy.internal"/);
  });
});
