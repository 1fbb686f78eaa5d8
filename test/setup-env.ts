// Runs in every test worker: point the app's modules at the test database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.LOG_LEVEL = "silent";
// Tests post events with fixed times (and real fixtures from past years); ingest accepts only times
// within retention, so the default window here reaches back far enough for them. The tests of the
// window itself set ALERT_RETENTION_DAYS and reset the env cache.
process.env.ALERT_RETENTION_DAYS ??= "36500";
