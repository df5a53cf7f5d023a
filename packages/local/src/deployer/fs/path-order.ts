/**
 * Compares two relative paths (as component lists) component by component, each component by Unicode code
 * point, a prefix first: the order of Python's `sorted()` over `pathlib` paths, so `a/b` sorts before `a-c`.
 *
 * @returns negative, zero or positive, like any comparator
 */
export function comparePathParts(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const order = compareCodePoints(a[index]!, b[index]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * Compares two strings by Unicode code point. JavaScript's `<` compares UTF-16 code units, which orders an
 * astral character (a surrogate pair, 0xD800-0xDFFF) before U+E000-U+FFFF; code point order puts it after.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Moves surrogates above the rest of the BMP so code units compare in code point order.
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}
