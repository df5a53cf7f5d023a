import type { Outcome } from "./soak-client.js";

/** A stretch of time during which at least one request was slower than the threshold. */
export interface Stall {
  readonly startedAt: number;
  readonly endedAt: number;
  /** The slow requests that overlap it. */
  readonly requests: number;
  /** The slowest of them, in milliseconds. */
  readonly maxMs: number;
  readonly writes: number;
}

/**
 * Groups the requests slower than `thresholdMs` into stalls: overlapping slow requests are one event. On a
 * single-threaded server a pause of the event loop (a garbage collection, a synchronous checkpoint, the machine
 * descheduling the process) delays every request in flight at once, so one pause is one stall however many
 * clients felt it.
 */
export function stallsOf(outcomes: readonly Outcome[], thresholdMs: number): Stall[] {
  const slow = outcomes.filter((o) => o.ms > thresholdMs).sort((a, b) => a.startedAt - b.startedAt);
  const stalls: Stall[] = [];
  let current: { startedAt: number; endedAt: number; requests: number; maxMs: number; writes: number } | undefined;
  for (const o of slow) {
    const endedAt = o.startedAt + o.ms;
    if (current && o.startedAt <= current.endedAt) {
      current.endedAt = Math.max(current.endedAt, endedAt);
      current.requests++;
      current.maxMs = Math.max(current.maxMs, o.ms);
      if (o.write) current.writes++;
      continue;
    }
    if (current) stalls.push(current);
    current = { startedAt: o.startedAt, endedAt, requests: 1, maxMs: o.ms, writes: o.write ? 1 : 0 };
  }
  if (current) stalls.push(current);
  return stalls;
}
