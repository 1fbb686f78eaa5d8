import { route } from "@/lib/api/handler";
import { deleteTeam, updateTeam } from "@/lib/teams/manage-team";
import { ZUpdateTeam } from "@/lib/teams/teams.types";
import { ZIdParams } from "@/lib/users/users.types";

export const PATCH = route({
  permission: "ownership.manage",
  params: ZIdParams,
  body: ZUpdateTeam,
  handler: async ({ actor, params, body, ip }) => updateTeam(actor, params.id, body, ip),
});

export const DELETE = route({
  permission: "ownership.manage",
  params: ZIdParams,
  handler: async ({ actor, params, ip }) => deleteTeam(actor, params.id, ip),
});
