import { route } from "@/lib/api/handler";
import { listTokens } from "@/lib/db/tokens";
import { createToken } from "@/lib/tokens/manage-token";
import { ZCreateToken } from "@/lib/tokens/tokens.types";

export const GET = route({
  permission: "tokens.manage",
  handler: async () => ({ items: await listTokens() }),
});

export const POST = route({
  permission: "tokens.manage",
  body: ZCreateToken,
  status: 201,
  handler: async ({ actor, body, ip }) => createToken(actor, body, ip),
});
