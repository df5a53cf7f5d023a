/** How long one run took. */
export interface RunTime {
  /** Wall time, in milliseconds. */
  readonly ms: number;
  /**
   * This process's CPU time, in milliseconds: all its threads (V8's parallel GC helpers included), not a database
   * server's. On a shared machine it moves less than wall time.
   */
  readonly cpuMs: number;
}

/**
 * Starts the clocks of one run and returns the function that stops them. The wall clock runs inside the CPU
 * clock, so reading the CPU time is not in the wall time (but the system call it takes still costs the next few
 * microseconds some speed: leave the CPU clock out of runs that short, as `sample` does by default).
 *
 * @example
 * ```ts
 * const stop = startClocks();
 * await CollectionCatalog.open({ root });
 * const { ms, cpuMs } = stop();
 * ```
 */
export function startClocks(): () => RunTime {
  const cpu = process.cpuUsage();
  const start = performance.now();
  return () => {
    const ms = performance.now() - start;
    return { ms, cpuMs: cpuMsSince(cpu) };
  };
}

/** This process's CPU time since `previous` (a `process.cpuUsage()` reading), in milliseconds. */
export function cpuMsSince(previous: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(previous);
  return (user + system) / 1000;
}
