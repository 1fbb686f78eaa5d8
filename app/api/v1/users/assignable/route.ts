import { route } from "@/lib/api/handler";
import { listAssignableUsers } from "@/lib/db/users";

export const GET = route({
  permission: "incident.triage",
  handler: async () => ({ items: await listAssignableUsers() }),
});
