// Brute-force protection for the password sign-in, with its state in PostgreSQL (so it holds
// across replicas):
// - per e-mail and client address, and per address alone (×10), within a fixed window
//   (LOGIN_RATE_LIMIT, LOGIN_RATE_WINDOW_SECONDS);
// - per account, whatever the address: after 3 failures each further one doubles the wait before
//   the next attempt (1, 2, 4 … s), capped at 30 s. Never a lockout: the right password works once
//   the wait is over.
import { env } from "../env";
import { accountWait, clearAccountFailures, clearWindow, hitWindows, recordAccountFailure } from "../db/login-throttle";

const MAX_KEY = 320;
export const ACCOUNT_DELAY_CAP_SECONDS = 30;
const FREE_FAILURES = 3;

export function accountDelaySeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(ACCOUNT_DELAY_CAP_SECONDS, 2 ** (failures - FREE_FAILURES - 1));
}

const account = (email: string) => email.trim().toLowerCase().slice(0, MAX_KEY);
const address = (ip: string | null) => (ip ?? "local").slice(0, 64);
const pairKey = (email: string, ip: string | null) => `pair:${account(email)}|${address(ip)}`;

export interface TLoginVerdict {
  /** seconds to wait; 0 = go ahead */
  wait: number;
  reason: "address" | "account" | null;
}

/** Counts this attempt; says whether it may go ahead. */
export async function loginAttempt(email: string, ip: string | null): Promise<TLoginVerdict> {
  const e = env();
  const hits = await hitWindows([pairKey(email, ip), `addr:${address(ip)}`], e.LOGIN_RATE_WINDOW_SECONDS);
  let wait = 0;
  for (const h of hits) {
    const limit = h.key.startsWith("addr:") ? e.LOGIN_RATE_LIMIT * 10 : e.LOGIN_RATE_LIMIT;
    if (h.count > limit) wait = Math.max(wait, h.resetInSeconds);
  }
  if (wait > 0) return { wait, reason: "address" };
  const delay = await accountWait(account(email));
  return delay > 0 ? { wait: delay, reason: "account" } : { wait: 0, reason: null };
}

export async function loginSucceeded(email: string, ip: string | null): Promise<void> {
  await clearWindow(pairKey(email, ip));
  await clearAccountFailures(account(email));
}

/** Returns the account's failures so far. */
export function loginFailed(email: string): Promise<number> {
  return recordAccountFailure(account(email), accountDelaySeconds);
}
