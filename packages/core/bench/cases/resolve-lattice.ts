import { type BenchResult, diamondLattice, median, round, sample, timed } from "@deployment-sets/bench-fixtures";
import { resolveSet } from "../../src/index.js";
import { toGraph } from "../fixture-graph.js";
import { naiveResolve } from "../naive-resolve.js";
import { progress } from "../progress.js";

const LEVELS = 14;
const WIDTH = 3;
/** Ours takes microseconds: many timed runs, after enough calls to get it compiled. */
const OURS = { warmup: 50, runs: 201 } as const;
/** The naive walk takes seconds per run (4.8 million paths): a few runs only. */
const BASELINE_RUNS = 3;
const TARGET_RATIO = 1000;

/**
 * `resolve.lattice`: the diamond lattice of 14 levels of width 3 below a root (43 sets, 3^14 root-to-leaf
 * paths), ours against the naive resolver in the same run. Target: ours at least 1000x faster.
 */
export function resolveLattice(): BenchResult {
  const fixture = diamondLattice(LEVELS, WIDTH);
  const { graph, catalog } = toGraph(fixture);
  const resolve = () => resolveSet(graph, catalog, fixture.rootId);
  progress(`resolve.lattice: ours, ${OURS.warmup} warm-up + ${OURS.runs} runs`);
  const ours = sample(resolve, OURS).ms;
  const resolution = resolve();
  const baseline: number[] = [];
  let naive: ReturnType<typeof naiveResolve> | undefined;
  for (let run = 1; run <= BASELINE_RUNS; run++) {
    const { value, ms } = timed(() => naiveResolve(graph, catalog, fixture.rootId));
    naive = value;
    baseline.push(ms);
    progress(`resolve.lattice: naive run ${run}/${BASELINE_RUNS}: ${ms.toFixed(0)} ms`);
  }
  const uuids = resolution.artifacts.map((artifact) => artifact.uuid);
  if (naive === undefined || naive.uuids.join() !== uuids.join()) {
    throw new Error("resolve.lattice: ours and the naive resolver disagree on the artifacts");
  }
  const ms = median(ours);
  const baselineMs = median(baseline);
  const ratio = baselineMs / ms;
  return {
    case: "resolve.lattice",
    ms: round(ms),
    baseline_ms: round(baselineMs),
    ratio: Math.round(ratio),
    target: `ours >= ${TARGET_RATIO}x faster than the naive resolver`,
    target_met: ratio >= TARGET_RATIO,
    sets: fixture.sets.length,
    paths: WIDTH ** LEVELS,
    depth: resolution.depth,
    artifacts: uuids.length,
    runs: OURS.runs,
    baseline_runs: BASELINE_RUNS,
    baseline_set_visits: naive.setVisits,
  };
}
