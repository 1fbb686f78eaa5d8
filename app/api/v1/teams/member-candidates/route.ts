import { route } from "@/lib/api/handler";
import { listMemberCandidates } from "@/lib/db/teams";

/** Enabled users a manager may add to a team (managers do not administer users otherwise). */
export const GET = route({
  permission: "ownership.manage",
  handler: async () => ({ items: await listMemberCandidates() }),
});
