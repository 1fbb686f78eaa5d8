import { describe, expect, it } from "vitest";
import { moveCursor, queueKeyAction, toggleSelected, visibleSelection } from "./queue-keys";

describe("queue keyboard", () => {
  it("maps j/k/x/a/Enter/Escape on the page to actions", () => {
    const body = { tagName: "BODY" };
    expect(queueKeyAction({ key: "j", target: body })).toEqual({ type: "move", delta: 1 });
    expect(queueKeyAction({ key: "k", target: body })).toEqual({ type: "move", delta: -1 });
    expect(queueKeyAction({ key: "x", target: body })).toEqual({ type: "toggle" });
    expect(queueKeyAction({ key: "a", target: body })).toEqual({ type: "assignToMe" });
    expect(queueKeyAction({ key: "Enter", target: { tagName: "TR" } })).toEqual({ type: "open" });
    expect(queueKeyAction({ key: "Escape", target: body })).toEqual({ type: "clear" });
    expect(queueKeyAction({ key: "q", target: body })).toBeNull();
  });

  it("stays out of text fields, selects, modified keys and Enter on links or buttons", () => {
    expect(queueKeyAction({ key: "j", target: { tagName: "INPUT", type: "search" } })).toBeNull();
    expect(queueKeyAction({ key: "a", target: { tagName: "TEXTAREA" } })).toBeNull();
    expect(queueKeyAction({ key: "k", target: { tagName: "SELECT" } })).toBeNull();
    expect(queueKeyAction({ key: "j", target: { tagName: "DIV", isContentEditable: true } })).toBeNull();
    expect(queueKeyAction({ key: "a", ctrlKey: true, target: { tagName: "BODY" } })).toBeNull();
    expect(queueKeyAction({ key: "Enter", target: { tagName: "A" } })).toBeNull();
    expect(queueKeyAction({ key: "Enter", target: { tagName: "BUTTON" } })).toBeNull();
    // A row checkbox has focus after a click: the shortcuts still work there.
    expect(queueKeyAction({ key: "j", target: { tagName: "INPUT", type: "checkbox" } })).toEqual({ type: "move", delta: 1 });
  });

  it("moves the cursor by id, starting at either end and clamping", () => {
    const ids = ["a", "b", "c"];
    expect(moveCursor(ids, null, 1)).toBe("a");
    expect(moveCursor(ids, null, -1)).toBe("c");
    expect(moveCursor(ids, "a", 1)).toBe("b");
    expect(moveCursor(ids, "c", 1)).toBe("c");
    expect(moveCursor(ids, "a", -1)).toBe("a");
    expect(moveCursor(ids, "gone", 1)).toBe("a");
    expect(moveCursor([], "a", 1)).toBeNull();
  });

  it("toggles selection without mutating, and bulk actions only see rows on screen", () => {
    const s = new Set(["a"]);
    const t = toggleSelected(s, "b");
    expect([...t].sort()).toEqual(["a", "b"]);
    expect([...s]).toEqual(["a"]);
    expect([...toggleSelected(t, "a")]).toEqual(["b"]);
    expect(visibleSelection(new Set(["a", "z", "c"]), ["a", "b", "c"])).toEqual(["a", "c"]);
  });
});
