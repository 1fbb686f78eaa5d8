import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export default async function SettingsIndex() {
  const actor = await requireActor();
  redirect(can(actor, "users.manage") ? "/settings/users" : "/settings/teams");
}
