"use client";
// `?` anywhere (outside a text field) opens the list of keyboard shortcuts.
import { useEffect, useState } from "react";
import { opensShortcutSheet, SHORTCUTS } from "@/lib/ui/shortcuts";
import { Dialog } from "../ui/dialog";

export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      if (target?.closest?.("dialog")) return;
      if (!opensShortcutSheet({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target })) return;
      e.preventDefault();
      setOpen(true);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={() => setOpen(false)}>
      <div className="flex flex-col gap-4" data-testid="shortcut-sheet">
        {SHORTCUTS.map((group) => (
          <section key={group.where} className="flex flex-col gap-1.5">
            <h3 className="text-xs font-medium uppercase tracking-wide text-muted">{group.where}</h3>
            <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
              {group.keys.map((k) => (
                <div key={k.what} className="contents">
                  <dt className="flex gap-1">
                    {k.keys.map((key) => (
                      <kbd key={key} className="rounded border border-border bg-surface-2 px-1.5 font-mono text-xs">
                        {key}
                      </kbd>
                    ))}
                  </dt>
                  <dd>{k.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
