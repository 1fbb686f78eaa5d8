import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginRedirect } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps paths of this site, with query and fragment", () => {
    expect(safeCallbackPath("/incidents/abc?snapshot=latest#graph")).toBe("/incidents/abc?snapshot=latest#graph");
    expect(safeCallbackPath("/workloads")).toBe("/workloads");
    expect(safeCallbackPath(["/settings", "/x"])).toBe("/settings");
  });

  it.each([
    ["backslash", "/\\evil.example"],
    ["backslash after slash", "/\\/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["three slashes", "///evil.example"],
    ["tab inside", "/\t/evil.example"],
    ["newline inside", "/\n/evil.example"],
    ["carriage return", "/\r/evil.example"],
    ["NUL", "/\u0000/evil.example"],
    ["normalizes to //", "/.//evil.example"],
    ["dot segments to //", "/a/..//evil.example"],
    ["absolute https", "https://evil.example/"],
    ["absolute same-looking", "http://blast-radius.invalid.evil.example/"],
    ["javascript", "javascript:alert(1)"],
    ["leading space", " //evil.example"],
    ["empty", ""],
    ["relative", "incidents"],
  ])("refuses %s", (_name, value) => {
    const out = safeCallbackPath(value);
    expect(out).toBe("/incidents");
  });

  it("never returns something a browser would read as another origin", () => {
    for (const v of ["/%5Cevil.example", "/%2F%2Fevil.example", "/@evil.example", "/:evil"]) {
      const out = safeCallbackPath(v);
      expect(new URL(out, "https://app.example").origin).toBe("https://app.example");
      expect(out.startsWith("//")).toBe(false);
    }
  });
});

describe("sameOriginRedirect (next-auth)", () => {
  const base = "https://br.example.com";
  it("keeps same-origin targets and refuses others", () => {
    expect(sameOriginRedirect("/incidents/1", base)).toBe("https://br.example.com/incidents/1");
    expect(sameOriginRedirect("https://br.example.com/workloads?x=1", base)).toBe("https://br.example.com/workloads?x=1");
    expect(sameOriginRedirect("https://evil.example/", base)).toBe("https://br.example.com/incidents");
    expect(sameOriginRedirect("/\\evil.example", base)).toBe("https://br.example.com/incidents");
    expect(sameOriginRedirect("//evil.example", base)).toBe("https://br.example.com/incidents");
  });
});
