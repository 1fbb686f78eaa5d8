import { route } from "@/lib/api/handler";
import { revokeToken } from "@/lib/tokens/manage-token";
import { ZIdParams } from "@/lib/users/users.types";

export const DELETE = route({
  permission: "tokens.manage",
  params: ZIdParams,
  handler: async ({ actor, params, ip }) => revokeToken(actor, params.id, ip),
});
