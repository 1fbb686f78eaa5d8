// For server components: the signed-in user, re-read from the database, or a redirect to login.
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { actorFromUserId } from "./resolve-actor";
import type { TActor } from "./actor";
import { can, type TPermission } from "./permissions";

export async function currentActor(): Promise<TActor | null> {
  const session = await getServerSession(authOptions());
  // the session callback has checked the session version already
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? actorFromUserId(id) : null;
}

export async function requireActor(permission?: TPermission): Promise<TActor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (permission && !can(actor, permission)) redirect("/forbidden");
  return actor;
}
