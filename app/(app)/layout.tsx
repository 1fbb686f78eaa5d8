import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { requireActor } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { findUserById } from "@/lib/db/users";
import { NavLink } from "@/components/layout/nav-link";
import { UserMenu } from "@/components/layout/user-menu";
import { Providers } from "@/components/providers";
import { ShortcutSheet } from "@/components/layout/shortcut-sheet";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const user = await findUserById(actor.id);
  const nav = [
    { href: "/my-workloads", label: "My workloads", show: actor.role === "developer" },
    { href: "/incidents", label: "Incidents", show: can(actor, "incident.read") },
    { href: "/workloads", label: "Workloads", show: can(actor, "workload.read") },
    { href: "/assets", label: "Assets", show: can(actor, "workload.read") },
    { href: "/choke-points", label: "Choke points", show: can(actor, "workload.read") },
    { href: "/ownership", label: "Ownership", show: can(actor, "ownership.manage") },
    { href: "/settings", label: "Settings", show: can(actor, "users.manage") || can(actor, "ownership.manage") },
  ].filter((n) => n.show);
  return (
    <Providers>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-30 rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-20 border-b border-border bg-surface/95 backdrop-blur print:hidden">
          <div className="mx-auto flex h-14 max-w-[1400px] items-center gap-6 px-4">
            <Link href="/incidents" className="flex items-center gap-2 font-semibold">
              <ShieldAlert aria-hidden className="h-5 w-5 text-accent" />
              Blast Radius
            </Link>
            <nav aria-label="Main" className="flex items-center gap-1">
              {nav.map((n) => (
                <NavLink key={n.href} href={n.href} label={n.label} />
              ))}
            </nav>
            <div className="ml-auto">
              <UserMenu
                name={user?.name ?? actor.label}
                email={actor.label}
                role={actor.role}
                teams={user?.memberships.map((m) => m.team.displayName) ?? []}
              />
            </div>
          </div>
        </header>
        <ShortcutSheet />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-[1400px] flex-1 px-4 py-6 focus:outline-none">{children}</main>
      </div>
    </Providers>
  );
}
