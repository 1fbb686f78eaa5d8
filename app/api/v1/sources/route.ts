import { route } from "@/lib/api/handler";
import { sourceHealth } from "@/lib/sources/source-health";

export const GET = route({
  permission: "sources.read",
  handler: async () => sourceHealth(),
});
