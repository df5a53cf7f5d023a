import { describe, expect, it } from "vitest";
import { parseEdgeDocument, parseGraphDocument } from "./graph-queries.js";

describe("graph documents", () => {
  it("put members in position order even if SQLite aggregated them in another order", () => {
    const sets = JSON.stringify([[0, "s", "o", "S", null, null, null, 1, 2, ["t"]]]);
    const members = JSON.stringify([[0, 0], ["m1", "m0"], ["a1", "g0"], [0, 1], [1, 0], [5, 6]]);
    const [node] = parseGraphDocument({ sets, members });
    expect(node!.members.map((m) => [m.id, m.position, m.ref])).toEqual([
      ["m0", 0, { type: "group", id: "g0" }],
      ["m1", 1, { type: "artifact", id: "a1" }],
    ]);
    expect(node!.set).toEqual({
      id: "s", ownerId: "o", name: "S", description: null, icon: null, color: null, tags: ["t"],
      createdAt: new Date(1), updatedAt: new Date(2),
    });
  });

  it("accept nested JSON that lost its JSON subtype (a string)", () => {
    const sets = JSON.stringify([[0, "s", "o", "S", "d", "i", "#fff", 1, 2, JSON.stringify(["a", "b"])]]);
    const [node] = parseGraphDocument({ sets, members: JSON.stringify([[], [], [], [], [], []]) });
    expect(node!.set.tags).toEqual(["a", "b"]);
    expect(node!.members).toEqual([]);
  });

  it("build the add-member context graph with nested-set edges in position order", () => {
    const graph = parseEdgeDocument({
      sets: JSON.stringify([[1, "b", "B"], [0, "a", "A"]]),
      edges: JSON.stringify([[0, 0, 1], ["c", "b", "x"], [3, 1, 0]]),
    });
    expect([...graph.keys()].sort()).toEqual(["a", "b"]);
    expect(graph.get("a")!.members.map((m) => m.ref)).toEqual([{ type: "set", id: "b" }, { type: "set", id: "c" }]);
    expect(graph.get("b")!.members.map((m) => m.ref.id)).toEqual(["x"]);
  });
});
