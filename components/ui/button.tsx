// Buttons in three weights; every action in the app uses one of these.
import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-accent text-accent-fg hover:opacity-90 border-transparent",
  secondary: "bg-surface-2 text-fg hover:bg-border/60 border-border",
  danger: "bg-transparent text-danger hover:bg-danger/10 border-danger/50",
  ghost: "bg-transparent text-muted hover:text-fg hover:bg-surface-2 border-transparent",
} as const;

/**
 * `busy`: the action is under way — the button looks and reads as disabled (aria-disabled) and
 * ignores clicks, but keeps keyboard focus, where `disabled` would drop it to <body>.
 */
export function Button({
  variant = "secondary",
  className = "",
  busy = false,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS; busy?: boolean }) {
  return (
    <button
      {...props}
      aria-disabled={busy || undefined}
      onClick={busy ? (e) => e.preventDefault() : onClick}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md border px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-progress aria-disabled:opacity-50 ${VARIANTS[variant]} ${className}`}
    />
  );
}
