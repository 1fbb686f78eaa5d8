// "Sign out everywhere": every session of the user ends on its next request.
import type { TActor } from "../auth/actor";
import { invalid } from "../errors";
import { endAllSessions } from "../db/users";
import { writeAudit } from "../db/audit";

export async function endMySessions(actor: TActor, ip: string | null): Promise<{ ended: true }> {
  if (actor.kind !== "user" || !actor.userId) throw invalid("only a signed-in user has sessions to end");
  await endAllSessions(actor.userId);
  await writeAudit(actor, { action: "user.sessions_ended", targetType: "user", targetId: actor.userId }, ip);
  return { ended: true };
}
