"use client";
// A command or manifest shown verbatim, with a copy button (text only: never rendered as markup).
import { useState } from "react";
import { Check, Copy } from "lucide-react";

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label, className = "", withText = false }: { text: string; label: string; className?: string; withText?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={`Copy ${label}`}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
      className={`inline-flex items-center gap-1 rounded p-1 text-muted hover:bg-surface-2 hover:text-fg ${className}`}
    >
      {copied ? <Check className="h-3.5 w-3.5" aria-hidden /> : <Copy className="h-3.5 w-3.5" aria-hidden />}
      {withText ? <span className="text-xs">{copied ? "Copied" : "Copy"}</span> : null}
    </button>
  );
}

export function CopyBlock({ text, label }: { text: string; label: string }) {
  return (
    <div className="relative">
      <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md border border-border bg-bg p-2 pr-9 font-mono text-xs">{text}</pre>
      <CopyButton text={text} label={label} className="absolute right-1.5 top-1.5" />
    </div>
  );
}
