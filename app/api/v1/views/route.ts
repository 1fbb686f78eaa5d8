import { z } from "zod";
import { route } from "@/lib/api/handler";
import { myViews, saveView } from "@/lib/incidents/saved-views";

/** The signed-in person's saved queue views. */
export const GET = route({
  permission: "incident.read",
  handler: async ({ actor }) => myViews(actor),
});

/** Saves the queue's current filters under a name: `{name, query}` with `query` the queue URL's query string. */
export const POST = route({
  permission: "incident.read",
  body: z.object({ name: z.string().trim().min(1, "name the view").max(60), query: z.string().max(2000) }).strict(),
  handler: async ({ actor, body }) => saveView(actor, body.name, body.query),
});
