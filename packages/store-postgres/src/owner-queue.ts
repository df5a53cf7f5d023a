import { StorageUnavailableError } from "@deployment-sets/core";

/**
 * One queue per owner, in memory, in front of that owner's graph writes: a write waits here for the previous one of
 * the same owner (in this process) to finish before it takes a pooled connection. Without it, a burst of writes from
 * one owner took every connection of the pool, each waiting inside a transaction for the owner's advisory lock, and
 * every other owner's requests waited for a connection behind them. With it, an owner holds at most one connection
 * for writes per process, other owners are never slowed down by it, and a burst degrades to queueing.
 *
 * A write that has waited `waitMillis` without getting its turn (a stalled writer holds the owner's lock, from this
 * process or another) gives up before it starts, with `storage_unavailable`: it never ran, so nothing changed.
 */
export class OwnerQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #waitMillis: number;

  /** @param waitMillis - longest wait for a write's turn */
  constructor(waitMillis: number) {
    this.#waitMillis = waitMillis;
  }

  /** How many owners have writes queued or running (for tests and diagnostics). */
  get busyOwners(): number {
    return this.#tails.size;
  }

  /**
   * Runs `work` once every write queued before it for `owner` is done.
   * @throws StorageUnavailableError when its turn does not come within the wait; whatever `work` throws
   */
  run<T>(owner: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(owner) ?? Promise.resolve();
    let state: "waiting" | "running" | "abandoned" = "waiting";
    let timer: NodeJS.Timeout | undefined;
    const result = previous.then(() => {
      clearTimeout(timer);
      if (state === "abandoned") return undefined as T; // its caller was already answered
      state = "running";
      return work();
    });
    const settled = result.then(ignore, ignore);
    this.#tails.set(owner, settled);
    void settled.then(() => {
      if (this.#tails.get(owner) === settled) this.#tails.delete(owner);
    });
    const gaveUp = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        if (state !== "waiting") return;
        state = "abandoned";
        reject(new StorageUnavailableError());
      }, this.#waitMillis);
      timer.unref();
    });
    return Promise.race([result, gaveUp]);
  }
}

function ignore(): void {}
