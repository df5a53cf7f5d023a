import { progressFor } from "@deployment-sets/bench-fixtures";

export { collectGarbage, median, quantile, report, round, type BenchResult } from "@deployment-sets/bench-fixtures";

/** Human-readable progress of this adapter's bench, on stderr. */
export const progress = progressFor("bench store-sqlite");

/** Runs `fn` once and returns its value and wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
