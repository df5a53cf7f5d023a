import { type BenchResult, median, type ProposedEdge, quantile, round, sample, timed } from "@deployment-sets/bench-fixtures";
import { findCycle } from "../../src/index.js";
import type { FixtureGraph } from "../fixture-graph.js";
import { progress } from "../progress.js";

const TARGET_MS = 5;
const WORST_RUNS = 21;
/** A set created empty and held by no set: adding the root to it makes the search walk the whole graph. */
const NEW_SET_ID = "0123456789ab4def8123456789abcdef";

/**
 * `cycle.large`: `findCycle` for each proposed edge on the 10,000-set random DAG, timed one check at a time
 * after one untimed warm-up pass. Target: median < 5 ms per check. Also reports `worst_ms`, the median of the
 * heaviest check this graph allows: adding the root to a new, empty set, whose search walks every set and member
 * reachable from the root (all of them) and finds no cycle.
 */
export function cycleLarge({ graph }: FixtureGraph, edges: readonly ProposedEdge[], rootId: string): BenchResult {
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
  const worst = sample(() => findCycle(graph, NEW_SET_ID, rootId), {
    runs: WORST_RUNS,
    record: (cycle) => {
      if (cycle) throw new Error("cycle.large: adding the root to a new set cannot close a cycle");
    },
  });
  return {
    case: "cycle.large",
    ms: round(ms),
    target: `median < ${TARGET_MS} ms per check`,
    target_met: ms < TARGET_MS,
    checks: edges.length,
    cycles_found: cycles,
    p99_ms: round(quantile(times, 0.99)),
    max_ms: round(Math.max(...times)),
    worst_ms: round(median(worst.ms)),
  };
}
