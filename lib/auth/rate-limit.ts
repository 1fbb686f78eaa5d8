// Fixed-window counters in memory: enough for one app process (login brute force).
// Several replicas behind a balancer would each count on their own.

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit; returns how many seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    this.sweep(now);
    const current = this.windows.get(key);
    if (!current || current.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
      return 0;
    }
    current.count += 1;
    if (current.count > this.limit) return Math.max(1, Math.ceil((current.resetAt - now) / 1000));
    return 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
