import { route } from "@/lib/api/handler";
import { notFound } from "@/lib/api/errors";
import { findUserById } from "@/lib/db/users";
import { updateUser } from "@/lib/users/update-user";
import { presentUser } from "@/lib/users/present-user";
import { ZIdParams, ZUpdateUser } from "@/lib/users/users.types";

export const GET = route({
  permission: "users.manage",
  params: ZIdParams,
  handler: async ({ params }) => {
    const user = await findUserById(params.id);
    if (!user) throw notFound("user");
    return presentUser(user);
  },
});

export const PATCH = route({
  permission: "users.manage",
  params: ZIdParams,
  body: ZUpdateUser,
  handler: async ({ actor, params, body, ip }) => presentUser(await updateUser(actor, params.id, body, ip)),
});
