import { z } from "zod";
import { route } from "@/lib/api/handler";
import { removeTeamMember } from "@/lib/teams/manage-team";

export const DELETE = route({
  permission: "ownership.manage",
  params: z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) }),
  handler: async ({ actor, params, ip }) => removeTeamMember(actor, params.id, params.userId, ip),
});
