/** One benchmark case's result, printed as one `BENCH {json}` line (the README's `pnpm bench`). */
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
  /** Whether this run met the target (a missed target is reported, not fatal). */
  readonly target_met: boolean;
  /** Anything else worth keeping (sizes, run counts, percentiles). */
  readonly [field: string]: unknown;
}

/** Prints the machine-readable line, the only thing a bench writes to stdout. */
export function report(result: BenchResult): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

/** Milliseconds rounded to a microsecond (any other figure to three decimals), for the report. */
export function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
