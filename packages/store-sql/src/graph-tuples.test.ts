import { describe, expect, it } from "vitest";
import { membersFromColumns, memberFromTuple, refFromTuple } from "./graph-tuples.js";

describe("graph tuples", () => {
  it("read a reference tuple and a member tuple", () => {
    expect(refFromTuple([1, "g"])).toEqual({ type: "group", id: "g" });
    expect(memberFromTuple("s", ["m", [2, "n"], 3, 5])).toEqual({ id: "m", setId: "s", ref: { type: "set", id: "n" }, position: 3, addedAt: new Date(5) });
  });

  it("read references sent column-wise, kinds as digits, in the order sent when positions ascend", () => {
    const members = membersFromColumns(["012", ["a", "g", "n"], [0, 4, 7]]);
    expect(members).toEqual([{ ref: { type: "artifact", id: "a" } }, { ref: { type: "group", id: "g" } }, { ref: { type: "set", id: "n" } }]);
  });

  it("put column-wise references in position order when the database sent them in another", () => {
    const members = membersFromColumns(["201", ["n", "a", "g"], [2, 0, 1]]);
    expect(members.map((member) => member.ref.id)).toEqual(["a", "g", "n"]);
  });

  it("read a set without members (no kinds at all)", () => {
    expect(membersFromColumns([null, [], []])).toEqual([]);
  });
});
