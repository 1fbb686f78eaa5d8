import { route } from "@/lib/api/handler";
import { addTeamMember } from "@/lib/teams/manage-team";
import { ZMember } from "@/lib/teams/teams.types";
import { ZIdParams } from "@/lib/users/users.types";

/** Adds a user to the team (an SSO user's teams follow their groups again at the next sign-in). */
export const POST = route({
  permission: "ownership.manage",
  params: ZIdParams,
  body: ZMember,
  handler: async ({ actor, params, body, ip }) => addTeamMember(actor, params.id, body.userId, ip),
});
