import { requireActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { NavLink } from "@/components/layout/nav-link";
import { redirect } from "next/navigation";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const tabs = [
    { href: "/settings/users", label: "Users", show: can(actor, "users.manage") },
    { href: "/settings/teams", label: "Teams", show: can(actor, "ownership.manage") },
    { href: "/settings/tokens", label: "API tokens", show: can(actor, "tokens.manage") },
    { href: "/settings/sources", label: "Sources", show: can(actor, "sources.read") },
    { href: "/settings/audit", label: "Audit log", show: can(actor, "audit.read") },
  ].filter((t) => t.show);
  if (tabs.length === 0) redirect("/forbidden");
  return (
    <div className="flex flex-col gap-5">
      <nav aria-label="Settings" className="flex gap-1 border-b border-border pb-2">
        {tabs.map((t) => (
          <NavLink key={t.href} href={t.href} label={t.label} />
        ))}
      </nav>
      {children}
    </div>
  );
}
