import { fixtureCatalogView } from "../catalog-view.js";
import { type BenchResult, round } from "../harness/report.js";
import { sampleAsync, type Samples } from "../harness/sample.js";
import { median, quantile } from "../harness/statistics.js";
import { timed, timedAsync } from "../harness/timed.js";
import { loadLevelByLevel } from "./level-by-level.js";
import type { StoreBenchContext } from "./store-bench-adapter.js";

const WARMUP_RUNS = 2;
const RUNS = 9;
/** The longest chain of `largeRandomDag`, which both sides must resolve. */
const DEPTH = 20;

/**
 * `store.resolve.large`: the 10,000-set random DAG resolved from its root through the store (`loadGraph`, one
 * statement, then `resolveSet`), against the level-by-level baseline (one query per breadth-first level, then
 * `resolveSet`) on a second connection to the same database. Each side: 2 warm-up runs, then 9 runs each after a
 * full GC, with wall and CPU time; ours also times its two parts. Both sides must resolve the same artifacts.
 */
export async function storeResolveLarge(context: StoreBenchContext): Promise<BenchResult> {
  const { adapter, opened, fixture, owner } = context;
  const { rootId } = fixture;
  const view = fixtureCatalogView(fixture);
  const ours = async () => {
    const loaded = await timedAsync(() => opened.store.loadGraph(owner, [rootId]));
    const resolved = timed(() => adapter.resolveSet(loaded.value.sets, view, rootId));
    return { resolution: resolved.value, loadMs: loaded.ms, resolveMs: resolved.ms };
  };
  const baseline = async () => {
    const { sets, queries } = await loadLevelByLevel(opened.queryLevel, owner, rootId);
    return { resolution: adapter.resolveSet(sets, view, rootId), queries };
  };
  const parts = { load: [] as number[], resolve: [] as number[] };
  const oursRuns = await measure(context, "store.resolve.large", ours, ({ loadMs, resolveMs }) => {
    parts.load.push(loadMs);
    parts.resolve.push(resolveMs);
  });
  const baselineRuns = await measure(context, "store.resolve.large baseline (one query per level)", baseline);
  const { resolution } = await ours();
  const reference = await baseline();
  if (JSON.stringify(resolution) !== JSON.stringify(reference.resolution)) {
    throw new Error("the store and the baseline resolve differently");
  }
  if (resolution.depth !== DEPTH) throw new Error(`expected depth ${DEPTH}, got ${resolution.depth}`);
  const ms = median(oursRuns.ms);
  const baselineMs = median(baselineRuns.ms);
  const target = adapter.targets.resolveMs;
  return {
    case: "store.resolve.large",
    adapter: adapter.name,
    ms: round(ms),
    baseline_ms: round(baselineMs),
    ratio: Math.round((baselineMs / ms) * 100) / 100,
    target: `median < ${target} ms (loadGraph + resolveSet)`,
    target_met: ms < target,
    p90_ms: round(quantile(oursRuns.ms, 0.9)),
    min_ms: round(Math.min(...oursRuns.ms)),
    ...adapter.resolveFields({
      loadGraphMs: round(median(parts.load)),
      resolveSetMs: round(median(parts.resolve)),
      cpuMs: round(median(oursRuns.cpuMs)),
      baselineCpuMs: round(median(baselineRuns.cpuMs)),
    }),
    runs: RUNS,
    sets: fixture.sets.length,
    members: fixture.sets.reduce((n, s) => n + s.members.length, 0),
    artifacts: resolution.artifacts.length,
    depth: resolution.depth,
    queries: 1,
    baseline_queries: reference.queries,
  };
}

/** Warm-up runs, then timed runs each after a full GC, with their CPU time; progress before and after. */
async function measure<T>(
  { progress }: StoreBenchContext,
  label: string,
  run: () => Promise<T>,
  record?: (value: T) => void,
): Promise<Samples> {
  progress(`${label}: ${WARMUP_RUNS} warm-up + ${RUNS} runs`);
  const samples = await sampleAsync(run, { warmup: WARMUP_RUNS, runs: RUNS, gc: true, cpu: true, record });
  progress(`${label}: median ${median(samples.ms).toFixed(1)} ms (cpu ${median(samples.cpuMs).toFixed(1)} ms)`);
  return samples;
}
