import { describe, expect, it } from "vitest";
import { formatMinutes } from "./format-minutes";

describe("formatMinutes", () => {
  it("says minutes, hours or days, and a dash for no figure", () => {
    expect(formatMinutes(null)).toBe("—");
    expect(formatMinutes(0.4)).toBe("< 1 min");
    expect(formatMinutes(46)).toBe("46 min");
    expect(formatMinutes(90)).toBe("1.5 h");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(3 * 1440)).toBe("3 d");
  });
});
