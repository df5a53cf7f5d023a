import { describe, expect, it } from "vitest";
import type { Artifact, Group, MemberRef } from "../src/domain/model.js";
import type { CatalogView, GraphSet, SetGraph } from "../src/resolver/graph.js";
import {
  allChains,
  closesCycle,
  insertAt,
  isAcyclic,
  moveTo,
  referenceCloneName,
  referenceResolve,
  removeAt,
  shortestCycleLength,
  unfoldedResolve,
} from "./reference-model.js";

// Hand-computed answers, so the model the properties trust is itself checked against the documented rules.

const artifact = (uuid: string): Artifact => ({
  uuid,
  name: `name-${uuid}`,
  type: "skill",
  description: null,
  tags: [],
  path: uuid,
});
const docs: Group = { id: "g", name: "Docs toolkit", description: null, artifactUuids: ["a2", "a1", "ax"] };
const catalog: CatalogView = {
  artifacts: new Map(["a1", "a2", "a3"].map((u) => [u, artifact(u)])),
  groups: new Map([["g", docs]]),
};

const a = (id: string): MemberRef => ({ type: "artifact", id });
const g = (id: string): MemberRef => ({ type: "group", id });
const s = (id: string): MemberRef => ({ type: "set", id });
function graphOf(sets: Record<string, [name: string, refs: MemberRef[]]>): SetGraph {
  return new Map(
    Object.entries(sets).map(([id, [name, refs]]): [string, GraphSet] => [
      id,
      { id, name, members: refs.map((ref) => ({ ref })) },
    ]),
  );
}

// Full-stack -> Backend -> Shared and Full-stack -> Frontend -> Shared: a diamond.
const diamond = graphOf({
  fs: ["Full-stack", [s("be"), s("fe"), s("gone")]],
  be: ["Backend", [a("a1"), g("g"), s("sh"), g("g-unknown")]],
  fe: ["Frontend", [s("sh"), a("a2"), a("a-unknown")]],
  sh: ["Shared", [a("a3"), a("a1"), a("a-unknown")]],
});

describe("reference model", () => {
  it("resolves the diamond as the resolution rules say, walking Shared once", () => {
    expect(referenceResolve(diamond, catalog, "fs")).toEqual({
      setId: "fs",
      setName: "Full-stack",
      artifacts: [
        { uuid: "a1", name: "name-a1", type: "skill", sourcePath: ["Full-stack", "Backend"], artifact: artifact("a1") },
        {
          uuid: "a2",
          name: "name-a2",
          type: "skill",
          sourcePath: ["Full-stack", "Backend", "Docs toolkit"],
          artifact: artifact("a2"),
        },
        {
          uuid: "a3",
          name: "name-a3",
          type: "skill",
          sourcePath: ["Full-stack", "Backend", "Shared"],
          artifact: artifact("a3"),
        },
      ],
      // a1 again in the group, a1 again in Shared, a2 again in Frontend; Shared's second visit adds nothing.
      duplicatesDropped: 3,
      missing: [
        { kind: "artifact", id: "ax", path: ["Full-stack", "Backend", "Docs toolkit"] },
        { kind: "artifact", id: "a-unknown", path: ["Full-stack", "Backend", "Shared"] },
        { kind: "group", id: "g-unknown", path: ["Full-stack", "Backend"] },
        { kind: "set", id: "gone", path: ["Full-stack"] },
      ],
      depth: 3,
    });
  });

  it("unfolds every path to the same artifacts and missing entries", () => {
    const { artifacts, missing } = referenceResolve(diamond, catalog, "fs");
    expect(unfoldedResolve(diamond, catalog, "fs")).toEqual({ artifacts, missing });
  });

  it.each([
    ["a chain", graphOf({ x: ["X", [s("y")]], y: ["Y", [s("z")]], z: ["Z", []] }), [["x", "y", "z"]]],
    [
      "a diamond",
      diamond,
      [
        ["fs", "be", "sh"],
        ["fs", "fe", "sh"],
      ],
    ],
    ["a single set", graphOf({ x: ["X", [s("missing")]] }), [["x"]]],
  ])("enumerates every maximal chain of %s", (_, graph, chains) => {
    expect(allChains(graph, [...graph.keys()][0]!)).toEqual(chains);
  });

  it.each([
    ["a self-reference", "x", "x", 2],
    ["the edge z -> x over x -> y -> z and x -> z", "z", "x", 3],
    ["the edge y -> x", "y", "x", 3],
    ["a forward edge", "x", "z", null],
  ])("finds the shortest cycle of %s", (_, from, to, length) => {
    const graph = graphOf({ x: ["X", [s("y"), s("z")]], y: ["Y", [s("z")]], z: ["Z", []] });
    expect(shortestCycleLength(graph, from, to)).toBe(length);
    expect(closesCycle(graph, from, to)).toBe(length !== null);
    expect(isAcyclic(graph)).toBe(true);
  });

  it("sees a cycle in a cyclic graph", () => {
    expect(isAcyclic(graphOf({ x: ["X", [s("y")]], y: ["Y", [s("x")]] }))).toBe(false);
  });

  it.each([
    ["insert at 1", insertAt(["a", "b", "c"], "x", 1), ["a", "x", "b", "c"]],
    ["insert past the end", insertAt(["a", "b"], "x", 9), ["a", "b", "x"]],
    ["append", insertAt(["a", "b"], "x"), ["a", "b", "x"]],
    ["move down", moveTo(["a", "b", "c", "d"], 0, 2), ["b", "c", "a", "d"]],
    ["move up", moveTo(["a", "b", "c", "d"], 3, 0), ["d", "a", "b", "c"]],
    ["move past the end", moveTo(["a", "b", "c"], 0, 9), ["b", "c", "a"]],
    ["remove", removeAt(["a", "b", "c"], 1), ["a", "c"]],
  ])("positions: %s", (_, got, want) => {
    expect(got).toEqual(want);
  });

  it("cuts a clone's base name to whole characters so it fits 255", () => {
    expect(referenceCloneName("Backend")).toBe("Backend (copy)");
    const long = "😀".repeat(300);
    expect([...referenceCloneName(long)]).toHaveLength(255);
  });
});
