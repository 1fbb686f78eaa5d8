// Sessions end when the user's password, role or enabled flag changes, and on "sign out
// everywhere"; tokens of a disabled creator stop working. Real session cookies (next-auth JWTs).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import * as me from "../app/api/v1/me/route";
import * as mySessions from "../app/api/v1/me/sessions/route";
import { makeUser, noParams } from "./fixtures";
import { db } from "../lib/db/client";
import { updateUser } from "../lib/users/update-user";
import { actorFromToken, actorFromUserId } from "../lib/auth/resolve-actor";
import { createToken } from "../lib/tokens/manage-token";

async function sessionCookie(userId: string): Promise<string> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
  const jwt = await encode({ token: { uid: userId, sv: user.sessionVersion }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

const request = (cookie: string, method = "GET", path = "/api/v1/me") =>
  new NextRequest(new URL(path, "http://localhost:3000"), { method, headers: { cookie, origin: "http://localhost:3000" } });

async function adminActor() {
  const admin = await makeUser("admin");
  return (await actorFromUserId(admin.id))!;
}

describe("sessions end when they must", () => {
  it.each([
    ["a new password", { password: "a-brand-new-password" }],
    ["a new role", { role: "analyst" as const }],
    ["being disabled", { disabled: true }],
  ])("%s ends the user's sessions", async (_what, change) => {
    const admin = await adminActor();
    const user = await makeUser("developer");
    const cookie = await sessionCookie(user.id);
    expect((await me.GET(request(cookie), noParams)).status).toBe(200);
    await updateUser(admin, user.id, change, null);
    expect((await me.GET(request(cookie), noParams)).status).toBe(401);
    if (!("disabled" in change)) {
      // a new sign-in works
      expect((await me.GET(request(await sessionCookie(user.id)), noParams)).status).toBe(200);
    }
  });

  it("a change of name or teams keeps the session", async () => {
    const admin = await adminActor();
    const user = await makeUser("developer");
    const cookie = await sessionCookie(user.id);
    await updateUser(admin, user.id, { name: "Renamed" }, null);
    expect((await me.GET(request(cookie), noParams)).status).toBe(200);
  });

  it("sign out everywhere ends every session of the user, and only theirs", async () => {
    const user = await makeUser("analyst");
    const other = await makeUser("analyst");
    const laptop = await sessionCookie(user.id);
    const phone = await sessionCookie(user.id);
    const otherCookie = await sessionCookie(other.id);
    const res = await mySessions.DELETE(request(laptop, "DELETE", "/api/v1/me/sessions"), noParams);
    expect(res.status).toBe(200);
    expect((await me.GET(request(laptop), noParams)).status).toBe(401);
    expect((await me.GET(request(phone), noParams)).status).toBe(401);
    expect((await me.GET(request(otherCookie), noParams)).status).toBe(200);
    const audit = await db().auditLog.findFirst({ where: { action: "user.sessions_ended", targetId: user.id } });
    expect(audit).not.toBeNull();
  });

  it("the tokens a user made stop working when the user is disabled", async () => {
    const admin = await adminActor();
    const maker = await makeUser("admin");
    const makerActor = (await actorFromUserId(maker.id))!;
    const token = await createToken(makerActor, { name: "made-by-maker", role: "ingest", teamIds: [], clusters: [], kinds: [], allowTeams: false }, null);
    expect(await actorFromToken(token.secret)).not.toBeNull();
    await updateUser(admin, maker.id, { disabled: true }, null);
    expect(await actorFromToken(token.secret)).toBeNull();
    await updateUser(admin, maker.id, { disabled: false }, null);
    expect(await actorFromToken(token.secret)).not.toBeNull();
  });
});
