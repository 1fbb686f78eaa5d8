"use client";
// A top-bar link that shows whether it is the current section.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, label }: { href: string; label: string }) {
  const active = usePathname()?.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-surface-2 text-fg" : "text-muted hover:text-fg"}`}
    >
      {label}
    </Link>
  );
}
