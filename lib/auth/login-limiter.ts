// Brute-force protection for the credentials login: per e-mail and client address,
// and per address alone, within a fixed window (LOGIN_RATE_LIMIT, LOGIN_RATE_WINDOW_SECONDS).
import { RateLimiter } from "./rate-limit";
import { env } from "../env";

const globalLimiters = globalThis as unknown as { __brLogin?: { pair: RateLimiter; address: RateLimiter } };

function limiters() {
  if (!globalLimiters.__brLogin) {
    const e = env();
    const windowMs = e.LOGIN_RATE_WINDOW_SECONDS * 1000;
    globalLimiters.__brLogin = {
      pair: new RateLimiter(e.LOGIN_RATE_LIMIT, windowMs),
      address: new RateLimiter(e.LOGIN_RATE_LIMIT * 10, windowMs),
    };
  }
  return globalLimiters.__brLogin;
}

/** Seconds to wait when this attempt is over the limit, else 0. */
export function loginAttempt(email: string, ip: string | null): number {
  const { pair, address } = limiters();
  const key = `${email.trim().toLowerCase()}|${ip ?? "local"}`;
  return Math.max(pair.hit(key), address.hit(ip ?? "local"));
}

export function loginSucceeded(email: string, ip: string | null): void {
  limiters().pair.reset(`${email.trim().toLowerCase()}|${ip ?? "local"}`);
}
