/** What every part of the reliability suite reports. */
export interface ReliabilityLine {
  /** The part: `fuzz`, `model`, `multi-process`, `faults`, `soak`, `security`, with the adapter where it runs per adapter. */
  readonly part: string;
  /** Requests sent. */
  readonly requests: number;
  /** Assertions that failed (a test fails too; the line says how many). */
  readonly failures: number;
  /** Answers with a 5xx status. */
  readonly s5xx: number;
  readonly p99_ms?: number;
  readonly rss_growth_mb?: number;
  readonly [field: string]: unknown;
}

/** Prints one `RELIABILITY {json}` line on stdout, the suite's record of what a part did. */
export function reportReliability(line: ReliabilityLine): void {
  process.stdout.write(`RELIABILITY ${JSON.stringify(line)}\n`);
}

/** The p-th percentile (0..100) of `values` by nearest rank; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
