/** A seeded source of randomness: the same seed always gives the same sequence. */
export interface Random {
  /** A float in `[0, 1)`. */
  float(): number;
  /** An integer in `[0, maxExclusive)`. */
  int(maxExclusive: number): number;
  /** An integer in `[min, maxExclusive)`. */
  range(min: number, maxExclusive: number): number;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

/**
 * The mulberry32 generator: 32 bits of state, period 2^32, good enough for test data and fully deterministic
 * across platforms (only 32-bit integer arithmetic).
 *
 * @param seed - any number; only its low 32 bits are used
 * @returns a function giving floats in `[0, 1)`, each a multiple of 2^-32
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * A {@link Random} over {@link mulberry32}.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * const die = 1 + random.int(6);
 * ```
 */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (maxExclusive: number) => Math.floor(next() * maxExclusive);
  return {
    float: next,
    int,
    range: (min, maxExclusive) => min + int(maxExclusive - min),
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const swap = items[i]!;
        items[i] = items[j]!;
        items[j] = swap;
      }
      return items;
    },
  };
}
