import { z } from "zod";
import { route } from "@/lib/api/handler";
import { removeView } from "@/lib/incidents/saved-views";

export const DELETE = route({
  permission: "incident.read",
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async ({ actor, params }) => removeView(actor, params.id),
});
