/** One benchmark case's result, printed as one `BENCH {json}` line (the same shape as core's benchmarks). */
export interface BenchResult {
  /** The case's name, e.g. `store.resolve.large`. */
  readonly case: string;
  readonly adapter: "sqlite";
  /** Our median, in milliseconds. */
  readonly ms: number;
  /** The baseline's median, where the case has a baseline. */
  readonly baseline_ms?: number;
  /** `baseline_ms / ms`, where the case has a baseline. */
  readonly ratio?: number;
  /** The target, in words. */
  readonly target: string;
  readonly target_met: boolean;
  /** Anything else worth keeping (sizes, run counts, percentiles). */
  readonly [field: string]: unknown;
}

/** Prints the machine-readable line, the only thing the bench writes to stdout. */
export function report(result: BenchResult): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

/** Human-readable progress, on stderr so stdout stays parseable. */
export function progress(message: string): void {
  process.stderr.write(`[bench store-sqlite] ${message}\n`);
}

/** Milliseconds rounded to a microsecond. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** The `p`-quantile (nearest rank; the median averages the two middle values of an even count). */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("no values");
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Runs `fn` once and returns its value and wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** A full garbage collection; the bench runs under `node --expose-gc`. */
export function collectGarbage(): void {
  if (!globalThis.gc) throw new Error("run the bench with `node --expose-gc` (pnpm bench does)");
  globalThis.gc();
}
