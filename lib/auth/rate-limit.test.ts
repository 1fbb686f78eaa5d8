import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` hits per window, then asks to wait until the window ends", () => {
    const limiter = new RateLimiter(3, 60_000);
    const t = 1_000_000;
    expect([limiter.hit("k", t), limiter.hit("k", t + 1), limiter.hit("k", t + 2)]).toEqual([0, 0, 0]);
    expect(limiter.hit("k", t + 10_000)).toBe(50);
    expect(limiter.hit("other", t + 10_000)).toBe(0);
  });

  it("starts a new window after the old one ends, and reset clears a key", () => {
    const limiter = new RateLimiter(1, 1_000);
    expect(limiter.hit("k", 0)).toBe(0);
    expect(limiter.hit("k", 10)).toBeGreaterThan(0);
    expect(limiter.hit("k", 1_001)).toBe(0);
    limiter.hit("k", 1_002);
    limiter.reset("k");
    expect(limiter.hit("k", 1_003)).toBe(0);
  });
});
