import { type BenchResult, round } from "../harness/report.js";
import { sampleAsync } from "../harness/sample.js";
import { median, quantile } from "../harness/statistics.js";
import { timedAsync } from "../harness/timed.js";
import { randomEdges } from "../random-edges.js";
import type { StoreBenchContext } from "./store-bench-adapter.js";

const ADDS = 200;
const WARMUP_ADDS = 20;
const EDGES_SEED = 7;
const EXPECTED_OUTCOMES = ["added", "cycle_detected", "duplicate_member"];

/**
 * `store.add_member`: the service's `addMember` of a nested set (the context with the reachable graph, core's
 * cycle check and the insert, in one transaction) for 200 seeded random edges of the DAG, after 20 warm-up adds.
 * Every add must be added, refused as a cycle or refused as a duplicate. Then the heaviest add, timed once: the
 * root into a deepest set, a cycle whose check walks the whole graph.
 */
export async function storeAddMember(context: StoreBenchContext): Promise<BenchResult> {
  const { adapter, opened, fixture, owner, progress } = context;
  const add = (from: string, to: string): Promise<string> =>
    opened.service.addMember(owner, from, { ref: { type: "set", id: to } }).then(
      () => "added",
      (error: { code?: string }) => error.code ?? "error",
    );
  const edges = randomEdges(fixture, WARMUP_ADDS + ADDS, EDGES_SEED);
  progress(`store.add_member: ${ADDS} nested-set adds (after ${WARMUP_ADDS} warm-up adds)`);
  let next = 0;
  const outcomes = new Map<string, number>();
  const addNext = () => {
    const { from, to } = edges[next++]!;
    return add(from, to);
  };
  const { ms: times } = await sampleAsync(addNext, {
    warmup: WARMUP_ADDS,
    runs: ADDS,
    record: (outcome) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1),
  });
  if ([...outcomes.keys()].some((outcome) => !EXPECTED_OUTCOMES.includes(outcome))) {
    throw new Error(`unexpected add outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  }
  const worst = await timedAsync(() => add(fixture.sets.at(-1)!.id, fixture.rootId));
  if (worst.value !== "cycle_detected") throw new Error(`the worst-case add should be a cycle, got ${worst.value}`);
  const ms = median(times);
  const target = adapter.targets.addMemberMs;
  return {
    case: "store.add_member",
    adapter: adapter.name,
    ms: round(ms),
    target: `median < ${target} ms per nested-set add with cycle check`,
    target_met: ms < target,
    p90_ms: round(quantile(times, 0.9)),
    max_ms: round(Math.max(...times)),
    ...adapter.addMemberFields({ wholeGraphCheckMs: round(worst.ms) }),
    adds: times.length,
    outcomes: Object.fromEntries(outcomes),
  };
}
