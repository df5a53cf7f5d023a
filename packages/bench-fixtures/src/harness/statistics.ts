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

/** The median of `values` (the mean of the two middle values when their count is even). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
