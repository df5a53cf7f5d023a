/**
 * Seeded, deterministic set graphs for the benchmarks and the operation-count tests, the benchmarks' measuring
 * helpers, a writer of collection folders and a free-port finder. The graph shapes match core's `GraphSet`, `Artifact` and `Group`
 * structurally, so this package depends on nothing.
 *
 * Deliberately private: the id factory and the catalog builders.
 *
 * @packageDocumentation
 */

export type {
  Fixture,
  FixtureArtifact,
  FixtureGroup,
  FixtureMember,
  FixtureMemberRef,
  FixtureSet,
  ProposedEdge,
} from "./types.js";
export { createRandom, mulberry32, type Random } from "./random.js";
export { diamondLattice, type DiamondLatticeOptions } from "./diamond-lattice.js";
export { largeRandomDag, randomDag, type RandomDagOptions } from "./random-dag.js";
export { randomEdges } from "./random-edges.js";
export { writeCommandCollection } from "./command-collection.js";
export { freePort } from "./free-port.js";
export {
  collectGarbage,
  median,
  progressFor,
  quantile,
  report,
  round,
  type BenchResult,
} from "./measure.js";
