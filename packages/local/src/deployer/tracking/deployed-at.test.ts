import { describe, expect, it } from "vitest";
import { deployedAtInstant, formatDeployedAt, naiveDeployedAt } from "./deployed-at.js";

describe("deployed_at", () => {
  it("is written as SkillMeat writes it: local time, no offset, microseconds", () => {
    const date = new Date(2026, 0, 5, 7, 8, 9, 45);
    expect(formatDeployedAt(date)).toBe("2026-01-05T07:08:09.045000");
  });

  it("reads back to the same instant, from ours, from SkillMeat's (microseconds, or none) and from an offset", () => {
    const date = new Date(2026, 0, 5, 7, 8, 9, 45);
    expect(deployedAtInstant(formatDeployedAt(date))).toEqual(date);
    expect(deployedAtInstant("2025-12-01T10:00:00.123456")).toEqual(new Date(2025, 11, 1, 10, 0, 0, 123));
    expect(deployedAtInstant("2025-12-01T10:00:00")).toEqual(new Date(2025, 11, 1, 10, 0, 0, 0));
    expect(deployedAtInstant("2025-12-01T10:00:00.5")).toEqual(new Date(2025, 11, 1, 10, 0, 0, 500));
    expect(deployedAtInstant("2025-12-01T10:00:00.000+00:00")).toEqual(new Date(Date.UTC(2025, 11, 1, 10)));
    for (const junk of ["yesterday", "", 42, null, undefined]) expect(deployedAtInstant(junk)).toBeNull();
  });

  it("drops the offset of a value an earlier version wrote, keeping the instant", () => {
    const value = "2025-12-01T10:00:00.000+00:00";
    expect(deployedAtInstant(naiveDeployedAt(value))).toEqual(new Date(value));
    expect(naiveDeployedAt("2025-12-01T10:00:00.123456")).toBe("2025-12-01T10:00:00.123456");
  });
});
