// The queue's keyboard: j/k move the cursor, Enter opens, x toggles selection, a assigns to
// me, Escape clears, / goes to the search. Pure, so the rules are tested without a browser.

export type TQueueKeyAction =
  | { type: "move"; delta: 1 | -1 }
  | { type: "open" }
  | { type: "toggle" }
  | { type: "assignToMe" }
  | { type: "clear" }
  | { type: "search" };

export interface TKeyEventLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** the focused element: shortcuts stay out of form controls and other widgets */
  target?: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const OWN_KEYS = new Set(["BUTTON", "A", "SUMMARY"]);

export function queueKeyAction(e: TKeyEventLike): TQueueKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = e.target?.tagName?.toUpperCase() ?? "";
  const isCheckbox = tag === "INPUT" && e.target?.type === "checkbox";
  if ((TYPING.has(tag) && !isCheckbox) || e.target?.isContentEditable) return null;
  switch (e.key) {
    case "j":
      return { type: "move", delta: 1 };
    case "k":
      return { type: "move", delta: -1 };
    case "x":
      return { type: "toggle" };
    case "a":
      return { type: "assignToMe" };
    case "Escape":
      return { type: "clear" };
    case "/":
      return { type: "search" };
    case "Enter":
      // Links and buttons already do something with Enter.
      return OWN_KEYS.has(tag) || isCheckbox ? null : { type: "open" };
    default:
      return null;
  }
}

/** The next cursor row: the first one when there is none yet, clamped at both ends. */
export function moveCursor(ids: readonly string[], cursor: string | null, delta: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = cursor === null ? -1 : ids.indexOf(cursor);
  if (at < 0) return delta === 1 ? ids[0] : ids[ids.length - 1];
  return ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
}

export function toggleSelected(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Selection kept to rows still on screen, so a bulk action never touches a row the user cannot see. */
export function visibleSelection(selected: ReadonlySet<string>, ids: readonly string[]): string[] {
  return ids.filter((id) => selected.has(id));
}
