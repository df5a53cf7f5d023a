/** What one timed call returned, and how long it took. */
export interface Timed<T> {
  /** The call's result. */
  readonly value: T;
  /** Its wall time, in milliseconds. */
  readonly ms: number;
}

/** Calls `fn` once and returns its value and wall time (nothing else inside the timer). */
export function timed<T>(fn: () => T): Timed<T> {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/**
 * Calls `fn` once and returns its resolved value and wall time, until it settles. A synchronous function goes to
 * {@link timed}: awaiting it here would add a turn of the event loop to a time of a few microseconds.
 */
export async function timedAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}
