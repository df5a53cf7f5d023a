import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time.js";

describe("isoTime", () => {
  it("formats exactly as toISOString, again and again, even for timestamps that share a slot", () => {
    // 4096 apart: the same slot, so each call replaces the other's entry.
    const a = new Date(Date.UTC(2026, 0, 1, 12, 0, 0, 0));
    const b = new Date(a.getTime() + 4096);
    for (let round = 0; round < 3; round++) {
      expect(isoTime(a)).toBe("2026-01-01T12:00:00.000Z");
      expect(isoTime(b)).toBe("2026-01-01T12:00:04.096Z");
    }
  });

  it("agrees with toISOString across the range of years and before 1970", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20_000; k++) {
      const date = new Date(Math.floor((next() * 2 - 1) * 8.64e15));
      expect(isoTime(date)).toBe(date.toISOString());
    }
    for (const ms of [0, -1, 1, 2 ** 31, -(2 ** 31), 8.64e15, -8.64e15]) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it("throws a RangeError for an invalid date, as toISOString does", () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
