/** Number of characters (Unicode code points) in `value`. */
export function charLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** The first `max` characters (code points) of `value`; never splits a surrogate pair. */
export function truncateChars(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = "";
  let count = 0;
  for (const char of value) {
    if (count === max) break;
    out += char;
    count++;
  }
  return out;
}

/** The case-folded key used for every case-insensitive comparison (JavaScript's `toLowerCase()`). */
export function foldCase(value: string): string {
  return value.toLowerCase();
}
