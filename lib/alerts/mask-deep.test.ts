import { describe, expect, it } from "vitest";
import { MAX_MASK_DEPTH, TOO_DEEP, isSecretKey, maskDeep, maskDeepJson, writeMaskedJson, type TMaskDeepLimits } from "./mask-deep";
import { compileMaskPatterns } from "./mask-patterns";
import { prepareText } from "./text";
import { falcoExamples, tetragonEvents } from "./test-fixtures";

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

function stringifyOrNull(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null; // a BigInt
  }
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

  it("writes the same text through its shortcut (nothing to change: the engine's JSON.stringify) as piece by piece", () => {
    const full: TMaskDeepLimits = { extra: [], maxString: 8 * 1024, maxArray: 10_000, maxKeys: 10_000, maxDepth: MAX_MASK_DEPTH };
    const preview: TMaskDeepLimits = { extra: [], maxString: 256, maxArray: 16, maxKeys: 64, maxDepth: 12 };
    const withPattern: TMaskDeepLimits = { ...full, extra: compileMaskPatterns("internal-[0-9]+") };
    // one thing to change per case, so each check of the shortcut is what decides
    const hostile: unknown[] = [
      { output: "curl -u admin:hunter2 http://x" },
      { output_fields: { "proc.cmdline": "psql postgres://u:p@db/x" } },
      { env: [{ name: "DB_PASSWORD", value: "plain-looking" }, { name: "LOG", value: "debug" }] },
      { env: [{ key: "api_token", value: 42 }] },
      { password: "" },
      { token: 7 },
      { nested: { secret: { a: "b" } } },
      JSON.parse('{"__proto__":{"polluted":1},"a":"x"}'),
      JSON.parse('{"a":{"constructor":1}}'),
      { ["k\u0000ey"]: "v" },
      { s: "a\u0000b\ud800c" },
      { big: "x".repeat(9_000) },
      { list: Array.from({ length: 20 }, (_, i) => i) },
      { keys: Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, i])) },
      nest(MAX_MASK_DEPTH + 2, "leaf"),
      nest(13, "leaf"),
      { host: "ticket internal-4242" },
      { n: Number.NaN },
      { inf: Number.POSITIVE_INFINITY, neg: -0 },
      { when: new Date(0) },
      { big: BigInt(9) },
      { f: () => 1, u: undefined },
      [1, "two", null, true, { three: [3] }],
      "plain",
      null,
    ];
    const events = [...falcoExamples().map((e) => e.event), ...tetragonEvents().map((e) => e.event), ...hostile];
    let shortcut = 0;
    for (const event of events) {
      for (const limits of [full, preview, withPattern]) {
        const written = writeMaskedJson(event, limits);
        expect(maskDeepJson(event, limits)).toBe(written);
        if (written === stringifyOrNull(event)) shortcut++;
      }
    }
    // the fixtures are mostly clean, so the comparison covers the shortcut, not only the writer
    expect(shortcut).toBeGreaterThan(events.length);
    // strings prepared already (the event's command line, output) are taken as they are
    const prepared = new Map([["secret-looking", prepareText("secret-looking", 8 * 1024, [])], ["odd", "replaced"]]);
    expect(maskDeepJson({ a: "odd", b: "secret-looking" }, { ...full, prepared })).toBe(writeMaskedJson({ a: "odd", b: "secret-looking" }, { ...full, prepared }));
    expect(maskDeepJson({ a: "odd" }, { ...full, prepared })).toBe('{"a":"replaced"}');
  });
});
