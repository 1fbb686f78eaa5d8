import { route } from "@/lib/api/handler";
import { listTeams } from "@/lib/db/teams";
import { createTeam } from "@/lib/teams/manage-team";
import { ZCreateTeam } from "@/lib/teams/teams.types";

export const GET = route({
  permission: "ownership.manage",
  handler: async () => ({ items: await listTeams() }),
});

export const POST = route({
  permission: "ownership.manage",
  body: ZCreateTeam,
  status: 201,
  handler: async ({ actor, body, ip }) => createTeam(actor, body, ip),
});
