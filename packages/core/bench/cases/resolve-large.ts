import { type BenchResult, collectGarbage, median, quantile, round, sample } from "@deployment-sets/bench-fixtures";
import { resolveSet } from "../../src/index.js";
import type { FixtureGraph } from "../fixture-graph.js";
import { progress } from "../progress.js";

const WARMUP_RUNS = 3;
const RUNS = 21;
const HEAP_RUNS = 5;
const TARGET_MS = 50;
const TARGET_HEAP_MB = 100;

/**
 * `resolve.large`: the 10,000-set random DAG resolved from its root (graph built outside the timer). The timed
 * runs follow each other as requests to a warm server do; a forced full GC before each would also throw away
 * the inline caches V8 keeps weakly, which no server does between requests and which costs this case about 15%.
 * The heap is measured in separate runs, each after a full GC: `heapUsed` right after the resolution (result
 * still alive) minus `heapUsed` before it. Target: median < 50 ms and the largest delta < 100 MB. `cpu_ms` (the
 * median of the process's CPU time per run) is reported too: on a shared machine it moves less than wall time.
 */
export function resolveLarge({ graph, catalog }: FixtureGraph, rootId: string): BenchResult {
  progress(`resolve.large: ${WARMUP_RUNS} warm-up + ${RUNS} runs`);
  let summary = { artifacts: 0, duplicatesDropped: 0, depth: 0 };
  const { ms: times, cpuMs: cpuTimes } = sample(() => resolveSet(graph, catalog, rootId), {
    warmup: WARMUP_RUNS,
    runs: RUNS,
    cpu: true,
    record: (value) => {
      summary = { artifacts: value.artifacts.length, duplicatesDropped: value.duplicatesDropped, depth: value.depth };
    },
  });
  const heapDeltas: number[] = [];
  for (let run = 0; run < HEAP_RUNS; run++) {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const resolution = resolveSet(graph, catalog, rootId);
    heapDeltas.push(process.memoryUsage().heapUsed - before);
    if (resolution.artifacts.length !== summary.artifacts) throw new Error("resolve.large: runs disagree");
  }
  const ms = median(times);
  const heapMb = Math.max(...heapDeltas) / 2 ** 20;
  progress(`resolve.large: median ${ms.toFixed(1)} ms, heap +${heapMb.toFixed(1)} MB`);
  return {
    case: "resolve.large",
    ms: round(ms),
    target: `median < ${TARGET_MS} ms and < ${TARGET_HEAP_MB} MB extra heap`,
    target_met: ms < TARGET_MS && heapMb < TARGET_HEAP_MB,
    heap_mb: Math.round(heapMb * 10) / 10,
    cpu_ms: round(median(cpuTimes)),
    p90_ms: round(quantile(times, 0.9)),
    min_ms: round(Math.min(...times)),
    runs: RUNS,
    heap_runs: HEAP_RUNS,
    artifacts: summary.artifacts,
    duplicates_dropped: summary.duplicatesDropped,
    depth: summary.depth,
  };
}
