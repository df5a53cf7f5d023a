/** One benchmark case's result, printed as one `BENCH {json}` line (DEVELOPERS.md). */
export interface BenchResult {
  /** The case's name, e.g. `resolve.large`. */
  readonly case: string;
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

/** A progress printer for one bench (`[prefix] message` on stderr, so stdout stays parseable). */
export function progressFor(prefix: string): (message: string) => void {
  return (message) => process.stderr.write(`[${prefix}] ${message}\n`);
}

/** Milliseconds rounded to a microsecond, for the report. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** The `p`-quantile (`0..1`, nearest rank) of `values`; the median is `quantile(values, 0.5)`. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("no values");
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 0.5 && sorted.length % 2 === 0) {
    const mid = sorted.length / 2;
    return (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}


/** A full garbage collection; benches run under `node --expose-gc`. */
export function collectGarbage(): void {
  if (!globalThis.gc) throw new Error("run the bench with `node --expose-gc` (pnpm bench does)");
  globalThis.gc();
}
