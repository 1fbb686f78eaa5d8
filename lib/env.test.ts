import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "./env";

describe("env", () => {
  const saved = process.env.MASK_PATTERNS;
  afterEach(() => {
    process.env.MASK_PATTERNS = saved;
    resetEnvCache();
  });

  it("stops the start on an invalid MASK_PATTERNS line, naming the line", () => {
    process.env.MASK_PATTERNS = "ACME-\\d+\n\n(unclosed";
    resetEnvCache();
    expect(() => env()).toThrow(/invalid environment: MASK_PATTERNS: MASK_PATTERNS line 3 \("\(unclosed"\): .*missing closing \)/);
  });

  it("accepts valid RE2 patterns", () => {
    process.env.MASK_PATTERNS = "(?i)acme-\\d+\npin (?P<secret>\\d+)";
    resetEnvCache();
    expect(env().MASK_PATTERNS).toContain("acme");
  });
});
