import { describe, expect, it } from "vitest";
import { createUser } from "./create-user";
import { updateUser } from "./update-user";
import { actorFromUserId } from "../auth/resolve-actor";
import { signInWithPassword } from "../auth/sign-in";
import { db } from "../db/client";
import { makeTeam, makeUser } from "../../test/fixtures";
import type { TActor } from "../auth/actor";

async function adminActor(): Promise<TActor> {
  const admin = await makeUser("admin");
  return (await actorFromUserId(admin.id))!;
}

describe("user administration", () => {
  it("creates a user who can sign in with the password, hashed with argon2id, and audits it", async () => {
    const actor = await adminActor();
    const team = await makeTeam();
    const email = `new-${Date.now()}@Test.Example`;
    const user = await createUser(actor, { email, name: "New", role: "analyst", password: "a long enough password", teamIds: [team.id] }, "10.0.0.1");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(email.toLowerCase());
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await signInWithPassword(email, "a long enough password")).toMatchObject({ id: user.id });
    expect(await signInWithPassword(email, "wrong password here")).toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { targetId: user.id, action: "user.create" } });
    expect(entry).toMatchObject({ actorId: actor.id, actorLabel: actor.label, ip: "10.0.0.1" });
  });

  it("refuses a duplicate e-mail and an unknown team, naming the field", async () => {
    const actor = await adminActor();
    const existing = await makeUser("developer");
    await expect(createUser(actor, { email: existing.email, name: "x", role: "developer", password: "a long enough password", teamIds: [] }, null)).rejects.toMatchObject({
      kind: "conflict",
    });
    await expect(createUser(actor, { email: `x-${Date.now()}@t.example`, name: "x", role: "developer", password: "a long enough password", teamIds: ["nope"] }, null)).rejects.toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("body.teamIds"),
    });
  });

  it("applies a disable or a team change on the very next request (the JWT is not trusted for it)", async () => {
    const actor = await adminActor();
    const [a, b] = [await makeTeam(), await makeTeam()];
    const dev = await makeUser("developer", [a.id]);
    expect((await actorFromUserId(dev.id))!.teamIds).toEqual([a.id]);
    await updateUser(actor, dev.id, { teamIds: [b.id] }, null);
    expect((await actorFromUserId(dev.id))!.teamIds).toEqual([b.id]);
    await updateUser(actor, dev.id, { disabled: true }, null);
    expect(await actorFromUserId(dev.id)).toBeNull();
    const entries = await db().auditLog.findMany({ where: { targetId: dev.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["user.update", "user.update"]);
    expect(entries[1].details).toMatchObject({ disabled: { from: false, to: true } });
  });

  it("never demotes or disables the last enabled admin", async () => {
    await db().user.updateMany({ where: { role: "admin" }, data: { disabled: true } });
    const last = await makeUser("admin");
    const actor = (await actorFromUserId(last.id))!;
    await expect(updateUser(actor, last.id, { role: "analyst" }, null)).rejects.toMatchObject({ kind: "invalid" });
    await expect(updateUser(actor, last.id, { disabled: true }, null)).rejects.toMatchObject({ kind: "invalid" });
  });
});
