import { describe, expect, it } from "vitest";
import { compileOnly } from "../test/compile-only.js";
import { memberInsertion, memberMove, memberRemoval, movedPosition } from "./member-writes.js";
import type { MemberRow } from "./rows.js";

const kinds = (queries: readonly { sql: string }[]) => queries.map((query) => query.sql.split(" ").slice(0, 3).join(" "));
const member: MemberRow = { id: "m", set_id: "s", artifact_uuid: "a", group_id: null, nested_set_id: null, position: 2, added_at: 0 };
const now = new Date(5);

describe("member writes", () => {
  it("an insertion shifts the members behind it, but an append shifts nothing", () => {
    const added = { id: "n", ref: { type: "group" as const, id: "g" }, addedAt: now };
    expect(kinds(memberInsertion(compileOnly, "s", added, 1, 3))).toEqual([
      'update "deployment_set_members" set',
      'insert into "deployment_set_members"',
      'update "deployment_sets" set',
    ]);
    expect(kinds(memberInsertion(compileOnly, "s", added, 3, 3))).toEqual([
      'insert into "deployment_set_members"',
      'update "deployment_sets" set',
    ]);
  });

  it("a removal deletes, closes the gap behind the member and touches its set", () => {
    const [remove, shift, touch] = memberRemoval(compileOnly, member, now);
    expect(remove!.parameters).toEqual(["m"]);
    expect(shift!.parameters).toEqual([-1, "s", 3]);
    expect(touch!.parameters).toEqual([5, "s"]);
  });

  it("a move is one statement plus the touch, and nothing when the member stays", () => {
    expect(memberMove(compileOnly, member, 2, now)).toEqual([]);
    const [move, touch] = memberMove(compileOnly, member, 0, now);
    expect(move!.parameters).toEqual(["m", 0, 1, "s", 0, 2]);
    expect(touch!.parameters).toEqual([5, "s"]);
    expect(memberMove(compileOnly, member, 4, now)[0]!.parameters).toEqual(["m", 4, -1, "s", 2, 4]);
  });

  it("a move clamps its position to the set's positions", () => {
    expect([movedPosition(0, 3), movedPosition(2, 3), movedPosition(3, 3), movedPosition(1_000, 3)]).toEqual([0, 2, 2, 2]);
    expect(movedPosition(-1, 3)).toBe(0);
    expect(movedPosition(5, 1)).toBe(0);
  });
});
