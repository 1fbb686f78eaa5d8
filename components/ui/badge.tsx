// Small labels for roles and states; always text, never colour alone.
import type { ReactNode } from "react";

const TONES = {
  neutral: "border-border text-muted",
  accent: "border-accent/50 text-accent",
  ok: "border-ok/50 text-ok",
  warn: "border-warn/50 text-warn",
  danger: "border-danger/50 text-danger",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[tone]}`}>{children}</span>
  );
}
