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
});
