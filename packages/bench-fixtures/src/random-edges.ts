import { createRandom } from "./random.js";
import type { Fixture, ProposedEdge } from "./types.js";

/**
 * `count` seeded random proposed nested-set edges between two distinct sets of `fixture` (uniform over ordered
 * pairs; pairs may repeat), for cycle-check benchmarks. Of 1,000 edges drawn with seed 7 on `largeRandomDag()`,
 * 21 would close a cycle: most targets sit deep and reach little, so most checks are cheap (the bench also
 * reports a check that walks nearly the whole graph).
 *
 * @example
 * ```ts
 * for (const { from, to } of randomEdges(dag, 1_000, 7)) findCycle(graph, from, to);
 * ```
 */
export function randomEdges(fixture: Fixture, count: number, seed = 1): ProposedEdge[] {
  const { sets } = fixture;
  if (sets.length < 2) throw new RangeError("need at least two sets");
  const random = createRandom(seed);
  const edges: ProposedEdge[] = [];
  while (edges.length < count) {
    const from = sets[random.int(sets.length)]!.id;
    const to = sets[random.int(sets.length)]!.id;
    if (from !== to) edges.push({ from, to });
  }
  return edges;
}
