import { afterEach, describe, expect, it } from "vitest";
import { positiveIntEnv } from "./positive-int-env.js";

const NAME = "BENCH_FIXTURES_TEST_COUNT";

describe("positiveIntEnv", () => {
  afterEach(() => {
    delete process.env[NAME];
  });

  it("falls back when the variable is unset or empty", () => {
    expect(positiveIntEnv(NAME, 7)).toBe(7);
    process.env[NAME] = "";
    expect(positiveIntEnv(NAME, 7)).toBe(7);
  });

  it("reads an integer at least the minimum", () => {
    process.env[NAME] = "12";
    expect(positiveIntEnv(NAME, 7, 10)).toBe(12);
  });

  it.each(["0", "2.5", "ten", "9"])("refuses %s (minimum 10 where given, else 1)", (raw) => {
    process.env[NAME] = raw;
    expect(() => positiveIntEnv(NAME, 7, raw === "9" ? 10 : 1)).toThrow(NAME);
  });
});
