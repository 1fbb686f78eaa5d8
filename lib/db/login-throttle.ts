// Sign-in throttling state in PostgreSQL, so a limit holds across replicas. Both tables stay
// small: rows past their window (or, for account delays, a day old) are swept as attempts come.
import { pgPool } from "./pg";

/** Counts one attempt for each key in its fixed window; returns per key the count and the seconds left in the window. */
export async function hitWindows(keys: string[], windowSeconds: number): Promise<{ key: string; count: number; resetInSeconds: number }[]> {
  const pool = pgPool();
  await pool.query(`DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle WHERE "windowStart" < now() - make_interval(secs => $1) LIMIT 500)`, [windowSeconds]);
  const res = await pool.query(
    `INSERT INTO login_throttle (key, "windowStart", count)
     SELECT k, now(), 1 FROM unnest($1::text[]) AS k
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN login_throttle."windowStart" < now() - make_interval(secs => $2) THEN 1 ELSE login_throttle.count + 1 END,
       "windowStart" = CASE WHEN login_throttle."windowStart" < now() - make_interval(secs => $2) THEN now() ELSE login_throttle."windowStart" END
     RETURNING key, count, GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => $2) - now()))))::int AS "resetInSeconds"`,
    [keys, windowSeconds],
  );
  return res.rows;
}

export async function clearWindow(key: string): Promise<void> {
  await pgPool().query(`DELETE FROM login_throttle WHERE key = $1`, [key]);
}

/** Seconds the account must still wait before its next attempt (0: none). */
export async function accountWait(account: string): Promise<number> {
  const res = await pgPool().query(`SELECT GREATEST(0, CEIL(EXTRACT(EPOCH FROM ("nextAllowedAt" - now()))))::int AS wait FROM login_account_delay WHERE account = $1`, [account]);
  return res.rows[0]?.wait ?? 0;
}

/** Records a failure; the next attempt waits `delaySeconds(failures)`. Returns the failures so far. */
export async function recordAccountFailure(account: string, delaySeconds: (failures: number) => number): Promise<number> {
  const pool = pgPool();
  await pool.query(`DELETE FROM login_account_delay WHERE account IN (SELECT account FROM login_account_delay WHERE "updatedAt" < now() - interval '1 day' LIMIT 500)`);
  const res = await pool.query(
    `INSERT INTO login_account_delay (account, failures, "nextAllowedAt", "updatedAt") VALUES ($1, 1, now(), now())
     ON CONFLICT (account) DO UPDATE SET failures = login_account_delay.failures + 1, "updatedAt" = now()
     RETURNING failures`,
    [account],
  );
  const failures: number = res.rows[0].failures;
  await pool.query(`UPDATE login_account_delay SET "nextAllowedAt" = now() + make_interval(secs => $2) WHERE account = $1`, [account, delaySeconds(failures)]);
  return failures;
}

export async function clearAccountFailures(account: string): Promise<void> {
  await pgPool().query(`DELETE FROM login_account_delay WHERE account = $1`, [account]);
}
