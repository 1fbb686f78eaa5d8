// Runs in every test worker: point the app's modules at the test database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.LOG_LEVEL = "silent";
