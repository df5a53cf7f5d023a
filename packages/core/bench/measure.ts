import { progressFor } from "@deployment-sets/bench-fixtures";

export { collectGarbage, median, quantile, report, round, type BenchResult } from "@deployment-sets/bench-fixtures";

/** Human-readable progress of core's bench, on stderr. */
export const progress = progressFor("bench");

/** Runs `fn` once and returns its value and wall time in milliseconds. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}
