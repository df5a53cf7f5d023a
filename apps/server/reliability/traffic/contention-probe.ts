import { readFileSync } from "node:fs";
import type { Stall } from "./stalls.js";

interface Sample {
  /** `performance.now()` of this process. */
  readonly at: number;
  /** Nanoseconds the server's main thread has waited for a CPU while runnable, since it started. */
  readonly serverWaitNs: number;
  /** How late this process's own timer fired, in milliseconds: its own event loop or CPU was held up. */
  readonly ownLagMs: number;
}

/** Why a stall happened, as far as the machine can tell. */
export type StallCause = "server waited for a CPU" | "load generator held up" | "server busy";

const EVERY_MS = 10;

/** The second field of `/proc/<pid>/schedstat`: time spent runnable but waiting on a run queue (ns). */
function runQueueWaitNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]);
}

/**
 * Watches, every 10 ms, how long the server's main thread (the event loop) has waited for a CPU
 * (`/proc/<pid>/schedstat`, Linux) and how late this process's own timer fires. A stall during which the
 * server's event loop was runnable but not running, or the load generator itself was held up, says the machine
 * was busy with something else; a stall with neither is the server's own doing (garbage collection, storage I/O,
 * slow work): {@link ContentionProbe.explain} tells them apart.
 */
export class ContentionProbe {
  readonly #pid: number;
  readonly #samples: Sample[] = [];
  #timer: NodeJS.Timeout | undefined;

  /** @param pid - the server process */
  constructor(pid: number) {
    this.#pid = pid;
  }

  /** Starts sampling. */
  start(): void {
    let expected = performance.now() + EVERY_MS;
    this.#timer = setInterval(() => {
      const at = performance.now();
      this.#samples.push({ at, serverWaitNs: runQueueWaitNs(this.#pid), ownLagMs: Math.max(0, at - expected) });
      expected = at + EVERY_MS;
    }, EVERY_MS);
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer);
  }

  /**
   * The likely cause of `stall`: the server's event loop waited for a CPU for a quarter of the stall or more, or
   * this process's timer fired 20 ms late or more within it, else the server itself.
   */
  explain(stall: Stall): StallCause {
    const before = this.#samples.findLast((s) => s.at <= stall.startedAt);
    const after = this.#samples.find((s) => s.at >= stall.endedAt);
    const inside = this.#samples.filter((s) => s.at >= stall.startedAt && s.at <= stall.endedAt + EVERY_MS);
    if (before && after) {
      const waitedMs = (after.serverWaitNs - before.serverWaitNs) / 1e6;
      if (waitedMs >= 0.25 * (stall.endedAt - stall.startedAt)) return "server waited for a CPU";
    }
    if (inside.some((s) => s.ownLagMs >= 20)) return "load generator held up";
    return "server busy";
  }
}
