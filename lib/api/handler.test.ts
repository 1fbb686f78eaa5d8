import { describe, expect, it } from "vitest";
import { z } from "zod";
import { route } from "./handler";
import { apiRequest, makeToken, noParams } from "../../test/fixtures";
import { db } from "../db/client";

const echo = route({
  permission: "incident.read",
  body: z.object({ name: z.string().min(2), count: z.number().int() }),
  maxBodyBytes: 200,
  handler: async ({ body, actor }) => ({ body, role: actor.role, teams: actor.teamIds }),
});

describe("route wrapper", () => {
  it("authenticates a token and hands the parsed body to the handler", async () => {
    const { secret } = await makeToken("analyst");
    const res = await echo(apiRequest("/x", { method: "POST", token: secret, body: { name: "ok", count: 3 } }), noParams);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ body: { name: "ok", count: 3 }, role: "analyst", teams: [] });
  });

  it("answers 400 naming every bad field", async () => {
    const { secret } = await makeToken("analyst");
    const res = await echo(apiRequest("/x", { method: "POST", token: secret, body: { name: "x", count: "3" } }), noParams);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain("body.name");
    expect(error.message).toContain("body.count");
  });

  it("answers 400 for a body that is not JSON", async () => {
    const { secret } = await makeToken("analyst");
    const res = await echo(apiRequest("/x", { method: "POST", token: secret, rawBody: "{nope" }), noParams);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/body: not valid JSON/);
  });

  it("answers 413 for a body over the limit", async () => {
    const { secret } = await makeToken("analyst");
    const res = await echo(apiRequest("/x", { method: "POST", token: secret, body: { name: "x".repeat(500), count: 1 } }), noParams);
    expect(res.status).toBe(413);
  });

  it("refuses expired and revoked tokens, and records when a token was used", async () => {
    const expired = await makeToken("analyst", { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await makeToken("analyst", { revoked: true });
    const body = { name: "ok", count: 1 };
    expect((await echo(apiRequest("/x", { method: "POST", token: expired.secret, body }), noParams)).status).toBe(401);
    expect((await echo(apiRequest("/x", { method: "POST", token: revoked.secret, body }), noParams)).status).toBe(401);
    // expiry is compared in UTC whatever the database session's time zone: minutes, not hours, decide
    const soon = await makeToken("analyst", { expiresAt: new Date(Date.now() + 120_000) });
    expect((await echo(apiRequest("/x", { method: "POST", token: soon.secret, body }), noParams)).status).toBe(200);
    const fresh = await makeToken("developer");
    await echo(apiRequest("/x", { method: "POST", token: fresh.secret, body }), noParams);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: fresh.row.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("answers 403 when the role lacks the permission", async () => {
    const { secret } = await makeToken("ingest");
    const res = await echo(apiRequest("/x", { method: "POST", token: secret, body: { name: "ok", count: 1 } }), noParams);
    expect(res.status).toBe(403);
  });

  it("answers 401 to a malformed Authorization header", async () => {
    const res = await echo(apiRequest("/x", { method: "POST", headers: { authorization: "Basic abc" }, body: {} }), noParams);
    expect(res.status).toBe(401);
  });
});

describe("domain errors become HTTP answers in one place", () => {
  it("maps each kind to its status, keeping the message and Retry-After", async () => {
    const { invalid, notAllowed, missing, conflicting, tooLargeInput, busy } = await import("../errors");
    const { secret } = await makeToken("analyst");
    const cases: [Error, number, string][] = [
      [invalid("body.name: too short"), 400, "bad_request"],
      [notAllowed("role analyst may not do that"), 403, "forbidden"],
      [missing("incident"), 404, "not_found"],
      [conflicting("already merged"), 409, "conflict"],
      [tooLargeInput("the graph is too large"), 413, "payload_too_large"],
      [busy("analysis queue full", 15), 503, "busy"],
    ];
    for (const [error, status, code] of cases) {
      const thrower = route({ permission: "incident.read", handler: async () => Promise.reject(error) });
      const res = await thrower(apiRequest("/x", { token: secret }), noParams);
      expect(res.status).toBe(status);
      expect((await res.json()).error).toMatchObject({ code, message: error.message });
      if (status === 503) expect(res.headers.get("retry-after")).toBe("15");
    }
  });
});
