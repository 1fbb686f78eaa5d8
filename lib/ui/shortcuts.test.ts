import { describe, expect, it } from "vitest";
import { queueKeyAction } from "../incidents/queue-keys";
import { opensShortcutSheet, SHORTCUTS } from "./shortcuts";

describe("the shortcut sheet", () => {
  it("opens on ? outside text fields only", () => {
    expect(opensShortcutSheet({ key: "?", target: { tagName: "BODY" } })).toBe(true);
    expect(opensShortcutSheet({ key: "?", target: { tagName: "INPUT" } })).toBe(false);
    expect(opensShortcutSheet({ key: "?", target: { tagName: "DIV", isContentEditable: true } })).toBe(false);
    expect(opensShortcutSheet({ key: "?", ctrlKey: true, target: { tagName: "BODY" } })).toBe(false);
    expect(opensShortcutSheet({ key: "/", target: { tagName: "BODY" } })).toBe(false);
  });

  it("lists every queue key the queue answers to, and none it does not", () => {
    const listed = SHORTCUTS.find((g) => g.where === "Incident queue")!.keys.flatMap((k) => k.keys);
    for (const key of listed) expect(queueKeyAction({ key: key === "Esc" ? "Escape" : key, target: { tagName: "BODY" } }), key).not.toBeNull();
    for (const key of "bcdefghilmnopqrstuvwyz") if (!listed.includes(key)) expect(queueKeyAction({ key, target: { tagName: "BODY" } }), key).toBeNull();
  });
});
