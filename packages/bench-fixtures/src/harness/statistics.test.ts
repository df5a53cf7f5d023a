import { describe, expect, it } from "vitest";
import { median, quantile } from "./statistics.js";

describe("median and quantile", () => {
  it("takes the middle value, or the mean of the two middle values, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("takes other quantiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(values, 0.9)).toBe(90);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile(values, 0)).toBe(1);
  });

  it("refuses no values", () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
