// The keyboard shortcuts the app answers to, listed once: the sheet `?` opens shows these, and
// the handlers (lib/incidents/queue-keys.ts) implement them.

export const SHORTCUTS: { where: string; keys: { keys: string[]; what: string }[] }[] = [
  { where: "Anywhere", keys: [{ keys: ["?"], what: "Show this list" }] },
  {
    where: "Incident queue",
    keys: [
      { keys: ["j", "k"], what: "Move the cursor down / up" },
      { keys: ["Enter"], what: "Open the incident under the cursor" },
      { keys: ["x"], what: "Select or unselect it (analysts, admins)" },
      { keys: ["a"], what: "Assign it to me (analysts, admins)" },
      { keys: ["/"], what: "Search" },
      { keys: ["Esc"], what: "Clear the selection; again: leave the row" },
    ],
  },
  { where: "Dialogs", keys: [{ keys: ["Esc"], what: "Close without saving" }] },
];

/** Whether a key press is "?" typed outside a text field (the sheet's key). */
export function opensShortcutSheet(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; target?: { tagName?: string; isContentEditable?: boolean } | null }): boolean {
  if (e.key !== "?" || e.ctrlKey || e.metaKey || e.altKey) return false;
  const tag = e.target?.tagName?.toUpperCase() ?? "";
  return !["INPUT", "TEXTAREA", "SELECT"].includes(tag) && !e.target?.isContentEditable;
}
