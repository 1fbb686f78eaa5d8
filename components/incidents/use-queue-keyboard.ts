"use client";
// Wires the queue's keyboard shortcuts (lib/incidents/queue-keys) to the page.
import { useEffect, useRef } from "react";
import { queueKeyAction, type TQueueKeyAction } from "@/lib/incidents/queue-keys";

export function useQueueKeyboard(onAction: (action: TQueueKeyAction) => void) {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      // Shortcuts belong to the queue, not to an open dialog.
      if (target?.closest?.("dialog")) return;
      const action = queueKeyAction({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        target: target ? { tagName: target.tagName, isContentEditable: target.isContentEditable, type: (target as HTMLInputElement).type } : null,
      });
      if (!action) return;
      e.preventDefault();
      handler.current(action);
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
