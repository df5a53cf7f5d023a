import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MISSING_SET_ID, reachablePart, worldArb } from "../../test/graph-arbitraries.js";
import { closesCycle, hasEdge, isAcyclic, shortestCycleLength } from "../../test/reference-model.js";
import type { SetGraph } from "../resolver/graph.js";
import { findCycle } from "./find-cycle.js";

const NUM_RUNS = 200;

type EdgeKind = "far" | "backward" | "forward" | "self" | "missing";

/**
 * A random DAG (half of them with 5+ sets) and a proposed edge `from -> to`: mostly backward (against the
 * topological order, so it may close a cycle; "far" ones from the bottom to the top, where several cycles of
 * different lengths are common) or forward (it never closes one), sometimes a self-reference or a missing target.
 */
const caseArb = fc
  .record({
    world: fc.oneof(worldArb(), worldArb(8, 6, 5)),
    a: fc.nat(),
    b: fc.nat(),
    kind: fc.constantFrom<EdgeKind>("far", "far", "backward", "backward", "forward", "forward", "self", "missing"),
  })
  .map(({ world, a, b, kind }) => {
    const ids = world.setIds;
    let [i, j] = [a % ids.length, b % ids.length].sort((x, y) => x - y) as [number, number];
    if (i === j && ids.length > 1) [i, j] = j + 1 < ids.length ? [i, j + 1] : [i - 1, j];
    // From one of the two deepest sets back to one of the two topmost: long cycles, often along several paths.
    if (kind === "far") [i, j] = [a % Math.min(2, ids.length), ids.length - 1 - (b % Math.min(2, ids.length))];
    const from = kind === "forward" ? ids[i]! : ids[j]!;
    const to = kind === "self" ? from : kind === "missing" ? MISSING_SET_ID : kind === "forward" ? ids[j]! : ids[i]!;
    return { graph: world.graph, from, to };
  });

/** `graph` with the edge `from -> to` added (`from` must be in it). */
function withEdge(graph: SetGraph, from: string, to: string): SetGraph {
  const set = graph.get(from)!;
  return new Map(graph).set(from, { ...set, members: [...set.members, { ref: { type: "set", id: to } }] });
}

/** Expects `cycle` to be a shortest cycle closed by `from -> to`, made of that edge and real edges of `graph`. */
function expectShortestCycle(graph: SetGraph, from: string, to: string, cycle: readonly string[]) {
  expect(cycle[0]).toBe(from);
  expect(cycle[1]).toBe(to);
  expect(cycle[cycle.length - 1]).toBe(from);
  for (let i = 1; i + 1 < cycle.length; i++) expect(hasEdge(graph, cycle[i]!, cycle[i + 1]!)).toBe(true);
  expect(cycle.length).toBe(shortestCycleLength(graph, from, to));
}

describe("findCycle against brute force", () => {
  it("returns null exactly when the edge closes no cycle, else a shortest cycle through it", () => {
    fc.assert(
      fc.property(caseArb, ({ graph, from, to }) => {
        const cycle = findCycle(graph, from, to);
        expect(cycle !== null).toBe(closesCycle(graph, from, to));
        if (cycle) expectShortestCycle(graph, from, to, cycle);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("answers the same from only the part of the graph reachable from `to` (what a store loads)", () => {
    fc.assert(
      fc.property(caseArb, ({ graph, from, to }) => {
        const cycle = findCycle(reachablePart(graph, to), from, to);
        expect(cycle !== null).toBe(closesCycle(graph, from, to));
        if (cycle) expectShortestCycle(graph, from, to, cycle);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it("returns null exactly when the graph with the edge added is still acyclic", () => {
    fc.assert(
      fc.property(caseArb, ({ graph, from, to }) => {
        expect(findCycle(graph, from, to) === null).toBe(isAcyclic(withEdge(graph, from, to)));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
