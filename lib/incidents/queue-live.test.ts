import { describe, expect, it } from "vitest";
import { liveView } from "./queue-live";

const row = (id: string, status = "new") => ({ id, status });

describe("live queue", () => {
  it("shows the latest order when nothing holds it", () => {
    const latest = [row("b"), row("a")];
    expect(liveView(latest, null)).toEqual({ rows: latest, newIds: [] });
  });

  it("keeps the held order, refreshes row contents and counts arrivals", () => {
    const held = [row("a"), row("b"), row("c")];
    const latest = [row("n1"), row("c"), row("a", "contained"), row("n2"), row("b")];
    const view = liveView(latest, held);
    expect(view.rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(view.rows[0].status).toBe("contained");
    expect(view.newIds).toEqual(["n1", "n2"]);
  });

  it("appends rows that rank below every held row (the next page) instead of counting them as new", () => {
    const held = [row("a"), row("b")];
    const view = liveView([row("a"), row("n1"), row("b"), row("p2"), row("p3")], held);
    expect(view.rows.map((r) => r.id)).toEqual(["a", "b", "p2", "p3"]);
    expect(view.newIds).toEqual(["n1"]);
  });

  it("keeps a row that left the answer in place with what was last known of it", () => {
    const held = [row("a"), row("b", "investigating")];
    const view = liveView([row("a")], held);
    expect(view.rows).toEqual([row("a"), row("b", "investigating")]);
    expect(view.newIds).toEqual([]);
  });
});
