import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MISSING_SET_ID, reachablePart, worldArb } from "../../test/graph-arbitraries.js";
import { closesCycle, hasEdge, shortestCycleLength } from "../../test/reference-model.js";
import type { SetGraph } from "../resolver/graph.js";
import { findCycle } from "./find-cycle.js";

const NUM_RUNS = 200;

/** A random DAG and a proposed edge `from -> to` between two of its sets (`to` sometimes missing or = `from`). */
const caseArb = fc
  .record({ world: worldArb(), from: fc.nat(), to: fc.oneof({ weight: 8, arbitrary: fc.nat() }, fc.constant(-1), fc.constant(-2)) })
  .map(({ world, from, to }) => {
    const fromId = world.setIds[from % world.setIds.length]!;
    const toId = to === -1 ? MISSING_SET_ID : to === -2 ? fromId : world.setIds[to % world.setIds.length]!;
    return { graph: world.graph, from: fromId, to: toId };
  });

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

  it("finds a cycle for every reversed edge and every edge to an ancestor", () => {
    fc.assert(
      fc.property(worldArb(), fc.nat(), fc.nat(), (world, a, b) => {
        const [i, j] = [a % world.setIds.length, b % world.setIds.length].sort((x, y) => x - y);
        const upper = world.setIds[i!]!;
        const lower = world.setIds[j!]!;
        // Edges only go from earlier to later sets, so lower -> upper closes a cycle iff upper reaches lower.
        expect(findCycle(world.graph, upper, lower)).toBe(i === j ? findCycle(world.graph, upper, lower) : null);
        const cycle = findCycle(world.graph, lower, upper);
        expect(cycle !== null).toBe(closesCycle(world.graph, lower, upper));
        if (cycle) expectShortestCycle(world.graph, lower, upper, cycle);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
