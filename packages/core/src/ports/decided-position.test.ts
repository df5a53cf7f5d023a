import { describe, expect, it } from "vitest";
import { hasErrorCode } from "../errors/deployment-sets-error.js";
import { checkDecidedPosition } from "./decided-position.js";

function thrown(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("checkDecidedPosition", () => {
  it("accepts every position from 0 to memberCount", () => {
    for (const position of [0, 1, 2, 3]) expect(thrown(() => checkDecidedPosition(position, 3))).toBeUndefined();
    expect(thrown(() => checkDecidedPosition(0, 0))).toBeUndefined();
  });

  it("rejects anything else with internal_error instead of clamping it", () => {
    for (const position of [4, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = thrown(() => checkDecidedPosition(position, 3));
      expect(hasErrorCode(error, "internal_error"), String(position)).toBe(true);
    }
  });
});
