import { describe, expect, it } from "vitest";
import { normalizeOrigin, parseAllowedOrigins, requestOrigin } from "./request-origin";

describe("the origin a request came to", () => {
  it("is the Host header the browser sent, with the connection's scheme", () => {
    expect(requestOrigin({ host: "localhost:3400", encrypted: false, fromTrustedProxy: false })).toBe("http://localhost:3400");
    expect(requestOrigin({ host: "127.0.0.1:3400", encrypted: false, fromTrustedProxy: false })).toBe("http://127.0.0.1:3400");
    expect(requestOrigin({ host: "SOC.Example.org", encrypted: true, fromTrustedProxy: false })).toBe("https://soc.example.org");
    expect(requestOrigin({ host: "[::1]:3400", encrypted: false, fromTrustedProxy: false })).toBe("http://[::1]:3400");
  });

  it("believes X-Forwarded-Host and -Proto from a trusted proxy only", () => {
    const forwarded = { host: "10.0.0.5:3000", encrypted: false, forwardedHost: "soc.example.org", forwardedProto: "https" };
    expect(requestOrigin({ ...forwarded, fromTrustedProxy: true })).toBe("https://soc.example.org");
    expect(requestOrigin({ ...forwarded, fromTrustedProxy: false })).toBe("http://10.0.0.5:3000");
    // several proxies: the first (the client-facing one) names what the user typed
    expect(requestOrigin({ host: "x", encrypted: false, fromTrustedProxy: true, forwardedHost: "soc.example.org, inner.local", forwardedProto: "https,http" })).toBe(
      "https://soc.example.org",
    );
    expect(requestOrigin({ host: "x:1", encrypted: false, fromTrustedProxy: true, forwardedProto: "gopher" })).toBe("http://x:1");
  });

  it("is nothing for a missing or malformed host", () => {
    expect(requestOrigin({ host: undefined, encrypted: false, fromTrustedProxy: false })).toBeNull();
    expect(requestOrigin({ host: "evil.com/path", encrypted: false, fromTrustedProxy: false })).toBeNull();
    expect(requestOrigin({ host: "user@evil.com", encrypted: false, fromTrustedProxy: false })).toBeNull();
    expect(requestOrigin({ host: "a b", encrypted: false, fromTrustedProxy: false })).toBeNull();
  });

  it("normalizes origins as browsers send them, and reads ALLOWED_ORIGINS", () => {
    expect(normalizeOrigin("https://SOC.example.org:443")).toBe("https://soc.example.org");
    expect(normalizeOrigin("null")).toBeNull();
    expect(normalizeOrigin("file:///etc/passwd")).toBeNull();
    expect(parseAllowedOrigins("https://soc.example.org, http://10.1.2.3:3400/")).toEqual(["https://soc.example.org", "http://10.1.2.3:3400"]);
    expect(() => parseAllowedOrigins("https://soc.example.org/app")).toThrow(/ALLOWED_ORIGINS: "https:\/\/soc.example.org\/app" is not an origin/);
    expect(() => parseAllowedOrigins("soc.example.org")).toThrow(/ALLOWED_ORIGINS/);
  });
});
