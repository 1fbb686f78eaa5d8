import { route } from "@/lib/api/handler";
import { pingDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export const GET = route({
  auth: "public",
  handler: async () => {
    await pingDatabase();
    return { status: "ok", database: "up", time: new Date().toISOString() };
  },
});
