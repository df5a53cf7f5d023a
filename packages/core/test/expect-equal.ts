/** A fast `toEqual` for hot loops of property tests. */
import { isDeepStrictEqual } from "node:util";
import { expect } from "vitest";

/**
 * Expects `actual` to deep-equal `expected`. Checks with Node's `isDeepStrictEqual` first (much cheaper than
 * vitest's matcher over thousands of steps) and only falls back to `toEqual`, for its readable diff, when they
 * differ. Strictly equal values always pass, so it is never weaker than `toEqual`.
 */
export function expectEqual<T>(actual: T, expected: T, message?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toEqual(expected);
}
