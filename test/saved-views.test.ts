// Saved queue views on a real PostgreSQL, through the routes with real session cookies: a person
// saves the queue's filters under a name (normalized to the queue's own query string), lists and
// deletes their own, cannot touch another person's, and a machine token has no views.
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import * as views from "../app/api/v1/views/route";
import * as oneView from "../app/api/v1/views/[id]/route";
import { makeToken, makeUser, noParams, params, apiRequest } from "./fixtures";
import { db } from "../lib/db/client";

async function cookieOf(userId: string): Promise<string> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  return `next-auth.session-token=${await encode({ token: { uid: userId, sv: user.sessionVersion }, secret: process.env.NEXTAUTH_SECRET! })}`;
}
const req = (cookie: string, method: string, path: string, body?: unknown) =>
  new NextRequest(new URL(path, "http://localhost:3000"), {
    method,
    headers: { cookie, origin: "http://localhost:3000", ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe("saved queue views", () => {
  it("saves, lists and deletes a person's own views; another person's are not theirs to delete", async () => {
    const me = await cookieOf((await makeUser("analyst")).id);
    const other = await cookieOf((await makeUser("manager")).id);
    const saved = await views.POST(req(me, "POST", "/api/v1/views", { name: "payments, critical", query: "?team=payments&severity=critical&bogus=1&q=%20docker.sock%20" }), noParams);
    expect(saved.status).toBe(200);
    const view = await saved.json();
    expect(view).toMatchObject({ name: "payments, critical" });
    // the queue's own query string: unknown keys dropped, values trimmed
    const q = new URLSearchParams(view.query);
    expect([...q.keys()].sort()).toEqual(["q", "severity", "team"]);
    expect(q.get("q")).toBe("docker.sock");
    const again = await views.POST(req(me, "POST", "/api/v1/views", { name: "payments, critical", query: "team=payments" }), noParams);
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toContain("payments, critical");
    expect((await (await views.GET(req(me, "GET", "/api/v1/views"), noParams)).json()).items.map((v: { name: string }) => v.name)).toEqual(["payments, critical"]);
    expect((await (await views.GET(req(other, "GET", "/api/v1/views"), noParams)).json()).items).toEqual([]);
    expect((await oneView.DELETE(req(other, "DELETE", `/api/v1/views/${view.id}`), params({ id: view.id }))).status).toBe(404);
    expect((await oneView.DELETE(req(me, "DELETE", `/api/v1/views/${view.id}`), params({ id: view.id }))).status).toBe(200);
    expect((await (await views.GET(req(me, "GET", "/api/v1/views"), noParams)).json()).items).toEqual([]);
  });

  it("refuses an empty view, naming the field, and has no views for a machine token", async () => {
    const me = await cookieOf((await makeUser("analyst")).id);
    const empty = await views.POST(req(me, "POST", "/api/v1/views", { name: "all", query: "nothing=here" }), noParams);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/query/);
    const token = (await makeToken("analyst")).secret;
    const res = await views.POST(apiRequest("/api/v1/views", { method: "POST", token, body: { name: "x", query: "team=a" } }), noParams);
    expect(res.status).toBe(403);
  });
});
