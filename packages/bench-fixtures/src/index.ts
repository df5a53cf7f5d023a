/**
 * Seeded, deterministic set graphs for the benchmarks and the operation-count tests, a writer of collection folders
 * and a free-port finder, and the one benchmark harness every package's `bench/run.ts` uses: repeated timed runs
 * (sync and async, with warm-up), their medians and percentiles, the `BENCH {json}` line printer, progress on
 * stderr and positive-integer environment knobs. The graph shapes match core's `GraphSet`, `Artifact` and `Group`
 * structurally, so this package depends on nothing.
 *
 * And the store adapters' shared cases (`store.resolve.large` with its level-by-level baseline, and
 * `store.add_member`): an adapter's bench supplies only what its dialect needs through {@link StoreBenchAdapter}
 * and calls {@link runStoreBench}.
 *
 * Deliberately private: the id factory, the catalog builders and the store cases themselves.
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
export { fixtureCatalogView, type FixtureCatalogView } from "./catalog-view.js";
export { writeCommandCollection } from "./command-collection.js";
export { freePort } from "./free-port.js";
export { startClocks, type RunTime } from "./harness/clocks.js";
export { collectGarbage } from "./harness/collect-garbage.js";
export { positiveIntEnv } from "./harness/positive-int-env.js";
export { progressFor, type Progress } from "./harness/progress.js";
export { report, round, type BenchResult } from "./harness/report.js";
export { sample, sampleAsync, type SampleOptions, type Samples } from "./harness/sample.js";
export { median, quantile } from "./harness/statistics.js";
export { timed, timedAsync, type Timed } from "./harness/timed.js";
export type { LevelQuery, LevelRow } from "./store-cases/level-by-level.js";
export { runStoreBench } from "./store-cases/run-store-bench.js";
export type {
  OpenedStore,
  ResolveSet,
  ServiceUnderBench,
  StoreAddMemberStats,
  StoreBenchAdapter,
  StoreResolution,
  StoreResolveStats,
  StoreUnderBench,
} from "./store-cases/store-bench-adapter.js";
