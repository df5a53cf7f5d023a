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

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `value` cannot be stored exactly as given, or `null` when it can: a NUL character (PostgreSQL's text
 * cannot hold one) or a lone UTF-16 surrogate (not a character: a store writing UTF-8 would replace it).
 */
export function unstorableText(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain NUL characters (U+0000)";
  if (LONE_SURROGATE.test(value)) return "must not contain unpaired UTF-16 surrogates";
  return null;
}
