import { z } from "zod";
import { route } from "@/lib/api/handler";
import { missing } from "@/lib/errors";
import { deleteOwnershipRule } from "@/lib/db/ownership";

/** Removes a rule: its workloads go back to the namespace's rule or to the inventory's Team documents. */
export const DELETE = route({
  permission: "ownership.manage",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ actor, params, ip }) => {
    const done = await deleteOwnershipRule(actor, params.id, ip);
    if (!done) throw missing("ownership rule");
    return done;
  },
});
