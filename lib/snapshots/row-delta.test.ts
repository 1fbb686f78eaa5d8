import { describe, expect, it } from "vitest";
import { rowDelta } from "./row-delta";

type TRow = { ns: string; name: string; node: string };
const key = (r: TRow) => `${r.ns}/${r.name}`;
const same = (a: TRow, b: TRow) => a.node === b.node;

describe("rowDelta", () => {
  it("keeps unchanged rows out, drops removed and changed ones, writes new and changed ones", () => {
    const before = [
      { ns: "a", name: "p1", node: "n1" },
      { ns: "a", name: "p2", node: "n1" },
      { ns: "b", name: "p3", node: "n2" },
    ];
    const after = [
      { ns: "a", name: "p1", node: "n1" },
      { ns: "a", name: "p2", node: "n9" },
      { ns: "b", name: "p4", node: "n2" },
    ];
    const d = rowDelta(before, after, key, same);
    expect(d.drop.map(key).sort()).toEqual(["a/p2", "b/p3"]);
    expect(d.write).toEqual([after[1], after[2]]);
    // applying it to `before` gives `after`
    const dropped = new Set(d.drop.map(key));
    const applied = [...before.filter((r) => !dropped.has(key(r))), ...d.write].sort((x, y) => key(x).localeCompare(key(y)));
    expect(applied).toEqual([...after].sort((x, y) => key(x).localeCompare(key(y))));
  });

  it("is empty when nothing changed, and everything when all did", () => {
    const rows = [{ ns: "a", name: "p1", node: "n1" }];
    expect(rowDelta(rows, rows.map((r) => ({ ...r })), key, same)).toEqual({ drop: [], write: [] });
    expect(rowDelta(rows, [], key, same)).toEqual({ drop: rows, write: [] });
    expect(rowDelta([], rows, key, same)).toEqual({ drop: [], write: rows });
  });

  it("pairs rows that are the same object without making their keys, and compares the rest by key", () => {
    const shared = Array.from({ length: 50 }, (_, i) => ({ ns: "a", name: `p${i}`, node: "n1" }));
    const moved = { ns: "b", name: "q", node: "n1" };
    const before = [...shared, moved, { ns: "b", name: "gone", node: "n1" }];
    // a new row sorts in the middle; q is another object with other fields
    const after = [...shared.slice(0, 25), { ns: "a", name: "p24x", node: "n2" }, ...shared.slice(25), { ...moved, node: "n3" }];
    let keys = 0;
    const counted = (r: TRow) => {
      keys++;
      return key(r);
    };
    const d = rowDelta(before, after, counted, same);
    expect(d.drop.map(key).sort()).toEqual(["b/gone", "b/q"]);
    expect(d.write.map(key)).toEqual(["a/p24x", "b/q"]);
    expect(keys).toBe(4);
  });
});
