import { describe, expect, it } from "vitest";
import { NestingHints } from "./nesting-hints.js";

describe("NestingHints", () => {
  it("remembers the roots last seen nesting a set, and forgets one seen nesting nothing", () => {
    const hints = new NestingHints();
    expect(hints.nests("a")).toBe(false);
    hints.record("a", true);
    hints.record("b", false);
    expect([hints.nests("a"), hints.nests("b")]).toEqual([true, false]);
    hints.record("a", false);
    expect(hints.nests("a")).toBe(false);
  });

  it("starts over when full, so it never holds more than its limit", () => {
    const hints = new NestingHints(2);
    hints.record("a", true);
    hints.record("b", true);
    hints.record("c", true);
    expect([hints.nests("a"), hints.nests("b"), hints.nests("c")]).toEqual([false, false, true]);
  });
});
