import { route } from "@/lib/api/handler";
import { listUsers } from "@/lib/db/users";
import { createUser } from "@/lib/users/create-user";
import { presentUser } from "@/lib/users/present-user";
import { ZCreateUser } from "@/lib/users/users.types";

export const GET = route({
  permission: "users.manage",
  handler: async () => ({ items: (await listUsers()).map(presentUser) }),
});

export const POST = route({
  permission: "users.manage",
  body: ZCreateUser,
  status: 201,
  handler: async ({ actor, body, ip }) => presentUser(await createUser(actor, body, ip)),
});
