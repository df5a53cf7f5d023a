import type { ProposedEdge } from "@deployment-sets/bench-fixtures";
import { findCycle } from "../../src/index.js";
import type { FixtureGraph } from "../fixture-graph.js";
import { type BenchResult, median, progress, quantile, round, timed } from "../measure.js";

const TARGET_MS = 5;

/**
 * `cycle.large`: `findCycle` for each proposed edge on the 10,000-set random DAG, timed one check at a time
 * after one untimed warm-up pass. Target: median < 5 ms per check.
 */
export function cycleLarge({ graph }: FixtureGraph, edges: readonly ProposedEdge[]): BenchResult {
  progress(`cycle.large: ${edges.length} checks (after a warm-up pass)`);
  for (const { from, to } of edges) findCycle(graph, from, to);
  const times: number[] = [];
  let cycles = 0;
  for (const { from, to } of edges) {
    const { value, ms } = timed(() => findCycle(graph, from, to));
    if (value) cycles++;
    times.push(ms);
  }
  const ms = median(times);
  return {
    case: "cycle.large",
    ms: round(ms),
    target: `median < ${TARGET_MS} ms per check`,
    target_met: ms < TARGET_MS,
    checks: edges.length,
    cycles_found: cycles,
    p99_ms: round(quantile(times, 0.99)),
    max_ms: round(Math.max(...times)),
  };
}
