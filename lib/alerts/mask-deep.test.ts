import { describe, expect, it } from "vitest";
import { MAX_MASK_DEPTH, TOO_DEEP, isSecretKey, maskDeep } from "./mask-deep";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

describe("maskDeep", () => {
  it("masks strings everywhere and every value under a secret-named key, without mutating", () => {
    const input = deepFreeze({
      output: "login --password hunter2",
      output_fields: { "proc.cmdline": "AWS_SECRET_ACCESS_KEY=abcdEFGHijklMNOPqrst1234 app", "user.name": "root" },
      env: [{ name: "DB_PASSWORD", value: "plain-looking" }, { name: "LOG_LEVEL", value: "debug" }],
      apiKey: "k-123",
      credentials: { user: "svc", pin: 1234 },
      count: 3,
      ok: true,
      none: null,
    });
    const before = JSON.stringify(input);
    const out = maskDeep(input) as typeof input;
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abcdEFGH|plain-looking|k-123|"svc"|1234/);
    expect(out.output_fields["user.name"]).toBe("root");
    expect(out.env[1].value).toBe("debug");
    expect([out.count, out.ok, out.none]).toEqual([3, true, null]);
  });

  it("recognises secret key names across styles", () => {
    for (const key of ["password", "DB_PASSWORD", "apiKey", "api-key", "client_secret", "AWS_SECRET_ACCESS_KEY", "x-auth-token", "Authorization"]) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ["user.name", "ka.auth.decision", "k8s.ns.name", "fd.name", "proc.cmdline", "tokens_used"]) expect(isSecretKey(key)).toBe(false);
  });

  it("drops __proto__, constructor and prototype keys and never touches Object.prototype", () => {
    const input = JSON.parse('{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"polluted":2}},"b":"x"},"prototype":3}');
    const out = maskDeep(input) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["a"]);
    expect(Object.keys(out.a as object)).toEqual(["b"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("cuts nesting deeper than the cap, even 10,000 levels", () => {
    let out = maskDeep(nest(10_000, "leaf"));
    let depth = 0;
    while (typeof out === "object" && out !== null) {
      out = (out as { next: unknown }).next;
      depth++;
    }
    expect(out).toBe(TOO_DEEP);
    expect(depth).toBe(MAX_MASK_DEPTH);
    expect(maskDeep(nest(MAX_MASK_DEPTH - 1, "leaf"))).toEqual(nest(MAX_MASK_DEPTH - 1, "leaf"));
  });

  it("replaces NUL and lone surrogates, which PostgreSQL refuses", () => {
    expect(maskDeep({ s: "a\u0000b\ud800c" })).toEqual({ s: "a\uFFFDb\uFFFDc" });
  });
});
