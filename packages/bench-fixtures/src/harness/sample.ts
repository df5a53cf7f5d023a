import { cpuMsSince } from "./clocks.js";
import { collectGarbage } from "./collect-garbage.js";

/** How {@link sample} and {@link sampleAsync} repeat a call. */
export interface SampleOptions<T> {
  /**
   * Untimed calls first (JIT, caches, connections).
   * @defaultValue 0
   */
  readonly warmup?: number;
  /** Timed calls, one after the other. */
  readonly runs: number;
  /**
   * A full garbage collection before each timed call, outside the timer (needs `node --expose-gc`). Leave it off
   * where a forced GC would cost the runs what a warm process does not pay (V8 drops weakly held inline caches
   * and shrinks the young generation).
   * @defaultValue false
   */
  readonly gc?: boolean;
  /**
   * Read this process's CPU time around each timed call too (into {@link Samples.cpuMs}). Off by default: the
   * system call slows the next few microseconds, which matters to calls that short.
   * @defaultValue false
   */
  readonly cpu?: boolean;
  /** Called with each timed call's value, outside the timer; nothing else keeps the values. */
  readonly record?: (value: T) => void;
}

/** The times of a sample's timed calls, in call order. */
export interface Samples {
  /** Wall times, in milliseconds. */
  readonly ms: number[];
  /** This process's CPU times, in milliseconds (as `RunTime.cpuMs`); empty unless `cpu` was asked for. */
  readonly cpuMs: number[];
}

/**
 * Calls `fn` `warmup` times, then `runs` times on the clocks; the median of `ms` is the case's figure.
 *
 * @example
 * ```ts
 * const { ms } = sample(() => resolveSet(graph, catalog, rootId), { warmup: 50, runs: 201 });
 * report({ case: "resolve.lattice", ms: round(median(ms)), ... });
 * ```
 */
export function sample<T>(fn: () => T, options: SampleOptions<T>): Samples {
  for (let i = 0; i < (options.warmup ?? 0); i++) fn();
  const recorder = new Recorder(options);
  for (let i = 0; i < options.runs; i++) {
    recorder.start();
    recorder.stop(fn());
  }
  return recorder.samples;
}

/** {@link sample} for a call that returns a promise: each run lasts until it settles; runs never overlap. */
export async function sampleAsync<T>(fn: () => Promise<T>, options: SampleOptions<T>): Promise<Samples> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await fn();
  const recorder = new Recorder(options);
  for (let i = 0; i < options.runs; i++) {
    recorder.start();
    recorder.stop(await fn());
  }
  return recorder.samples;
}

/**
 * Times the runs of one sample: the optional GC and CPU reading, then the wall clock, before a call; the wall
 * clock first, then the rest, after it. Nothing but the call and two `performance.now()` is inside the wall time.
 */
class Recorder<T> {
  readonly samples: Samples = { ms: [], cpuMs: [] };
  #cpu: NodeJS.CpuUsage | undefined;
  #start = 0;

  constructor(private readonly options: SampleOptions<T>) {}

  start(): void {
    if (this.options.gc === true) collectGarbage();
    if (this.options.cpu === true) this.#cpu = process.cpuUsage();
    this.#start = performance.now();
  }

  stop(value: T): void {
    this.samples.ms.push(performance.now() - this.#start);
    if (this.#cpu !== undefined) this.samples.cpuMs.push(cpuMsSince(this.#cpu));
    this.options.record?.(value);
  }
}
