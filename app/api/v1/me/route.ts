import { route } from "@/lib/api/handler";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";

export const GET = route({
  handler: async ({ actor }) => ({
    kind: actor.kind,
    id: actor.id,
    label: actor.label,
    role: actor.role,
    teamIds: actor.teamIds,
    permissions: ROLE_PERMISSIONS[actor.role],
  }),
});
