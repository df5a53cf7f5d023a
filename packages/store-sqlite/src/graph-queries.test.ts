import { describe, expect, it } from "vitest";
import { parseEdgeDocument, parseGraphDocument, parseRootDocument } from "./graph-queries.js";

describe("graph documents", () => {
  it("build each root once with its record and member rows, and every set with its references", () => {
    const root = ["s", "o", "S", null, null, null, 1, 2, ["t"], [["m0", [1, "g0"], 0, 5], ["m1", [2, "n"], 1, 6]]];
    const graph = parseGraphDocument({
      roots: JSON.stringify([root, root]),
      sets: JSON.stringify([["n", "N", ["0", ["a1"], [0]]]]),
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
    expect(graph.sets.get("s")).toBe(graph.roots.get("s"));
    expect([...graph.sets.values()].map((set) => [set.id, set.name, set.members.map((m) => m.ref)])).toEqual([
      ["s", "S", [{ type: "group", id: "g0" }, { type: "set", id: "n" }]],
      ["n", "N", [{ type: "artifact", id: "a1" }]],
    ]);
  });

  it("keep a root's full entry when another root nests it", () => {
    const root = (id: string, members: unknown[]) => [id, "o", id.toUpperCase(), null, null, null, 1, 2, [], members];
    const graph = parseGraphDocument({
      roots: JSON.stringify([root("a", [["m0", [2, "b"], 0, 5]]), root("b", [])]),
      sets: JSON.stringify([["b", "B", [null, [], []]]]),
    });
    expect(graph.sets.get("b")).toBe(graph.roots.get("b"));
    expect([...graph.sets.keys()]).toEqual(["a", "b"]);
  });

  it("put a root's member rows in position order even if SQLite aggregated them in another order", () => {
    const root = ["s", "o", "S", null, null, null, 1, 2, [], [["m1", [0, "a1"], 1, 5], ["m0", [1, "g0"], 0, 6]]];
    const graph = parseGraphDocument({ roots: JSON.stringify([root]), sets: "[]" });
    expect(graph.roots.get("s")!.members.map((m) => [m.id, m.position])).toEqual([["m0", 0], ["m1", 1]]);
  });

  it("put a reachable set's references in position order even if SQLite aggregated them in another order", () => {
    const graph = parseGraphDocument({ roots: "[]", sets: JSON.stringify([["n", "N", ["20", ["x", "a"], [1, 0]]]]) });
    expect(graph.sets.get("n")!.members.map((m) => m.ref)).toEqual([{ type: "artifact", id: "a" }, { type: "set", id: "x" }]);
  });

  it("accept nested JSON that lost its JSON subtype (a string)", () => {
    const root = ["s", "o", "S", "d", "i", "#fff", 1, 2, JSON.stringify(["a", "b"]), "[]"];
    const graph = parseGraphDocument({ roots: JSON.stringify([root]), sets: JSON.stringify([["n", "N", "[null,[],[]]"]]) });
    expect(graph.roots.get("s")!.set.tags).toEqual(["a", "b"]);
    expect(graph.roots.get("s")!.members).toEqual([]);
    expect(graph.sets.get("n")!.members).toEqual([]);
  });

  it("build a single root's graph from its own document unless it nests a set", () => {
    const flat = ["s", "o", "S", null, null, null, 1, 2, [], [["m1", [0, "a1"], 1, 5], ["m0", [1, "g0"], 0, 6]]];
    const graph = parseRootDocument({ root: JSON.stringify(flat) })!;
    expect([...graph.roots.keys()]).toEqual(["s"]);
    expect(graph.sets.get("s")).toBe(graph.roots.get("s"));
    expect(graph.roots.get("s")!.members.map((m) => [m.id, m.ref.type, m.position])).toEqual([["m0", "group", 0], ["m1", "artifact", 1]]);
    const nesting = ["s", "o", "S", null, null, null, 1, 2, [], [["m0", [2, "n"], 0, 5]]];
    expect(parseRootDocument({ root: JSON.stringify(nesting) })).toBeNull();
  });

  it("build the add-member context graph with nested-set edges in the document's order", () => {
    const graph = parseEdgeDocument({ sets: JSON.stringify([["b", "B", ["x"]], ["a", "A", ["b", "c"]]]) });
    expect([...graph.keys()].sort()).toEqual(["a", "b"]);
    expect(graph.get("a")!.members.map((m) => m.ref)).toEqual([{ type: "set", id: "b" }, { type: "set", id: "c" }]);
    expect(graph.get("b")!.members.map((m) => m.ref.id)).toEqual(["x"]);
  });
});
