"use client";
// A command or manifest shown verbatim, with a copy button (text only: never rendered as markup).
import { useState } from "react";
import { Check, Copy } from "lucide-react";

export function CopyBlock({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="relative">
      <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md border border-border bg-bg p-2 pr-9 font-mono text-xs">{text}</pre>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
        className="absolute right-1.5 top-1.5 rounded p-1 text-muted hover:bg-surface-2 hover:text-fg"
      >
        {copied ? <Check className="h-3.5 w-3.5" aria-hidden /> : <Copy className="h-3.5 w-3.5" aria-hidden />}
      </button>
    </div>
  );
}
