// Health answers 503 with Retry-After while the database is down, and 200 again after.
// This file starts its own PostgreSQL so stopping it leaves the rest of the suite alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { resetEnvCache } from "../env";
import { noParams, apiRequest } from "../../test/fixtures";

let pgServer: EmbeddedDatabase;
let dataDir: string;

beforeAll(async () => {
  const parent = mkdtempSync(path.join(tmpdir(), "br-health-"));
  chmodSync(parent, 0o755); // postgres runs as its own user and must reach its folder
  dataDir = path.join(parent, "pg");
  pgServer = await startEmbeddedPostgres({ dataDir });
  process.env.DATABASE_URL = pgServer.url;
  resetEnvCache();
});

afterAll(async () => {
  await pgServer?.stop();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

describe("GET /api/v1/health", () => {
  it("is 200 while the database answers, 503 with Retry-After when it stops, and 200 after a restart", async () => {
    const { GET } = await import("../../app/api/v1/health/route");
    const up = await GET(apiRequest("/api/v1/health"), noParams);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: "ok", database: "up" });

    const port = pgServer.port;
    await pgServer.stop();
    const down = await GET(apiRequest("/api/v1/health"), noParams);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect((await down.json()).error.code).toBe("database_unavailable");

    pgServer = await startEmbeddedPostgres({ dataDir, port });
    const again = await GET(apiRequest("/api/v1/health"), noParams);
    expect(again.status).toBe(200);
  });
});
