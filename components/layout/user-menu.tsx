"use client";
// Who is signed in, the theme switch and sign-out.
import { signOut } from "next-auth/react";
import { LogOut, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { Badge } from "../ui/badge";

async function signOutEverywhere() {
  if (!window.confirm("Sign out of Blast Radius on every device and browser?")) return;
  await fetch("/api/v1/me/sessions", { method: "DELETE" });
  await signOut({ callbackUrl: "/login" });
}

export function UserMenu({ name, email, role, teams }: { name: string; email: string; role: string; teams: string[] }) {
  const [theme, setTheme] = useState<string | null>(null);

  function toggleTheme() {
    const next = (theme ?? document.documentElement.dataset.theme) === "light" ? "dark" : "light";
    document.documentElement.dataset.theme = next;
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
    setTheme(next);
  }

  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight" data-testid="whoami">
        <div className="text-sm font-medium">{name}</div>
        <div className="flex items-center justify-end gap-1.5 text-xs text-muted">
          <span>{email}</span>
          <Badge tone="accent">{role}</Badge>
          {teams.length ? <span title="Your teams">{teams.join(", ")}</span> : null}
        </div>
      </div>
      <button
        type="button"
        onClick={toggleTheme}
        aria-label="Switch between light and dark theme"
        className="rounded-md p-2 text-muted hover:bg-surface-2 hover:text-fg"
      >
        {theme === "light" ? <Moon className="h-4 w-4" aria-hidden /> : <Sun className="h-4 w-4" aria-hidden />}
      </button>
      <button
        type="button"
        onClick={() => void signOutEverywhere()}
        title="End every session of yours, on every device"
        className="rounded-md px-2 py-1.5 text-sm text-muted hover:bg-surface-2 hover:text-fg"
      >
        Sign out everywhere
      </button>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/login" })}
        className="inline-flex items-center gap-1.5 rounded-md border border-border px-2.5 py-1.5 text-sm text-muted hover:text-fg"
      >
        <LogOut className="h-4 w-4" aria-hidden />
        Sign out
      </button>
    </div>
  );
}
