import { describe, expect, it } from "vitest";
import { parseEdgeDocument, parseGraphDocument } from "./graph-queries.js";

describe("graph documents", () => {
  it("build each root once with its record and member rows, and every set with its references", () => {
    const root = ["s", "o", "S", null, null, null, 1, 2, ["t"], [["m0", [1, "g0"], 0, 5], ["m1", [2, "n"], 1, 6]]];
    const graph = parseGraphDocument({
      roots: JSON.stringify([root, root]),
      sets: JSON.stringify([["s", "S", [[1, "g0"], [2, "n"]]], ["n", "N", [[0, "a1"]]]]),
    });
    expect([...graph.roots.keys()]).toEqual(["s"]);
    expect(graph.roots.get("s")).toEqual({
      id: "s",
      name: "S",
      set: {
        id: "s", ownerId: "o", name: "S", description: null, icon: null, color: null, tags: ["t"],
        createdAt: new Date(1), updatedAt: new Date(2),
      },
      members: [
        { id: "m0", setId: "s", ref: { type: "group", id: "g0" }, position: 0, addedAt: new Date(5) },
        { id: "m1", setId: "s", ref: { type: "set", id: "n" }, position: 1, addedAt: new Date(6) },
      ],
    });
    expect([...graph.sets.values()]).toEqual([
      { id: "s", name: "S", members: [{ ref: { type: "group", id: "g0" } }, { ref: { type: "set", id: "n" } }] },
      { id: "n", name: "N", members: [{ ref: { type: "artifact", id: "a1" } }] },
    ]);
  });

  it("accept nested JSON that lost its JSON subtype (a string)", () => {
    const root = ["s", "o", "S", "d", "i", "#fff", 1, 2, JSON.stringify(["a", "b"]), "[]"];
    const graph = parseGraphDocument({ roots: JSON.stringify([root]), sets: JSON.stringify([["s", "S", "[]"]]) });
    expect(graph.roots.get("s")!.set.tags).toEqual(["a", "b"]);
    expect(graph.roots.get("s")!.members).toEqual([]);
    expect(graph.sets.get("s")!.members).toEqual([]);
  });

  it("build the add-member context graph with nested-set edges in the document's order", () => {
    const graph = parseEdgeDocument({ sets: JSON.stringify([["b", "B", ["x"]], ["a", "A", ["b", "c"]]]) });
    expect([...graph.keys()].sort()).toEqual(["a", "b"]);
    expect(graph.get("a")!.members.map((m) => m.ref)).toEqual([{ type: "set", id: "b" }, { type: "set", id: "c" }]);
    expect(graph.get("b")!.members.map((m) => m.ref.id)).toEqual(["x"]);
  });
});
