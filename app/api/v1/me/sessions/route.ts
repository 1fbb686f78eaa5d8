import { route } from "@/lib/api/handler";
import { endMySessions } from "@/lib/users/end-sessions";

/** Sign out everywhere: every session of the signed-in user ends, this one included. */
export const DELETE = route({
  auth: "session",
  handler: async ({ actor, ip }) => endMySessions(actor, ip),
});
