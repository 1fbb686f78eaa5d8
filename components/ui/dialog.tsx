"use client";
// A modal dialog on the native <dialog> element: focus stays inside, Escape closes it.
import { useEffect, useRef, type ReactNode } from "react";
import { X } from "lucide-react";

export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      // showModal focuses the first focusable element, the Close button; a user who starts typing
      // would close the dialog with the first space. The first field takes focus instead.
      el.querySelector<HTMLElement>("textarea, input:not([type=hidden]), select")?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-lg border border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/50"
    >
      <header className="flex items-center justify-between border-b border-border px-4 py-3">
        <h2 className="text-sm font-semibold">{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close" className="rounded p-1 text-muted hover:bg-surface-2 hover:text-fg">
          <X className="h-4 w-4" aria-hidden />
        </button>
      </header>
      <div className="p-4">{open ? children : null}</div>
    </dialog>
  );
}
