"use client";
// Holds the queue's order while someone is working in it (pointer, focus, keyboard cursor):
// the snapshot taken when the first reason appears is what lib/incidents/queue-live keeps.
import { useCallback, useState } from "react";

type TReason = "pointer" | "focus" | "keyboard";

export function useLiveHold<T>() {
  const [state, setState] = useState<{ reasons: ReadonlySet<TReason>; held: T[] | null }>({ reasons: new Set(), held: null });

  const hold = useCallback((reason: TReason, rows: T[]) => {
    setState((s) => (s.reasons.has(reason) ? s : { reasons: new Set([...s.reasons, reason]), held: s.held ?? rows }));
  }, []);

  const release = useCallback((reason: TReason) => {
    setState((s) => {
      if (!s.reasons.has(reason)) return s;
      const reasons = new Set([...s.reasons].filter((r) => r !== reason));
      return { reasons, held: reasons.size ? s.held : null };
    });
  }, []);

  /** Take in what arrived: the latest order becomes the held one (or nothing is held). */
  const refresh = useCallback((rows: T[]) => {
    setState((s) => ({ reasons: s.reasons, held: s.reasons.size ? rows : null }));
  }, []);

  return { held: state.held, hold, release, refresh };
}
