import { describe, expect, it } from "vitest";
import { graphOf } from "../../test/fixtures.js";
import { findCycle } from "./find-cycle.js";

const cases: [string, { sets: Record<string, string[]>; from: string; to: string; want: string[] | null }][] = [
  ["self-reference", { sets: { A: [] }, from: "A", to: "A", want: ["A", "A"] }],
  ["A -> B -> A", { sets: { A: [], B: ["@A"] }, from: "A", to: "B", want: ["A", "B", "A"] }],
  ["A -> B -> C -> A", { sets: { A: [], B: ["@C"], C: ["@A"] }, from: "A", to: "B", want: ["A", "B", "C", "A"] }],
  [
    "the shortest of several cycles",
    { sets: { A: [], B: ["@C", "@A"], C: ["@A"] }, from: "A", to: "B", want: ["A", "B", "A"] },
  ],
  [
    "a DAG with diamonds is accepted",
    { sets: { A: ["@B", "@C"], B: ["@D"], C: ["@D"], D: [], E: ["@A"] }, from: "E", to: "B", want: null },
  ],
  ["an edge to an unrelated set is accepted", { sets: { A: ["x"], B: ["y"] }, from: "A", to: "B", want: null }],
  ["a missing target is accepted", { sets: { A: [] }, from: "A", to: "Gone", want: null }],
];

describe("findCycle", () => {
  it.each(cases)("%s", (_name, { sets, from, to, want }) => {
    const { graph } = graphOf(sets);
    const cycle = findCycle(graph, `s-${from}`, `s-${to}`);
    expect(cycle).toEqual(want === null ? null : want.map((name) => `s-${name}`));
  });

  it("only visits what is reachable from the proposed member", () => {
    const { graph } = graphOf({ A: [], B: ["@C"], C: [], Big: ["@A", "@B", "@C"] });
    const visited: string[] = [];
    const counting = new Map(graph);
    counting.get = (id: string) => {
      visited.push(id);
      return graph.get(id);
    };
    expect(findCycle(counting, "s-A", "s-B")).toBeNull();
    expect(new Set(visited)).toEqual(new Set(["s-B", "s-C"]));
  });
});
