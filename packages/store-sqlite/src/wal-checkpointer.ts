import { statSync } from "node:fs";
import type BetterSqlite3 from "better-sqlite3";

/** SQLite's own `wal_autocheckpoint` default (pages), restored on a caller's handle when the store lets go of it. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/** The longest pause between two attempts at shrinking a WAL that a reader keeps pinned. */
const MAX_RETRY_MS = 5000;

/** One row of `PRAGMA wal_checkpoint`: whether it was blocked, the frames in the WAL, and how many were copied. */
interface CheckpointRow {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

/** When the checkpointer runs and how large the WAL may grow before it is truncated. */
export interface WalCheckpointerOptions {
  /** How long after a write the next checkpoint runs (at most one per interval), in milliseconds. */
  readonly intervalMs: number;
  /** The `-wal` file size above which the checkpoint also truncates the file, in bytes. */
  readonly walSizeLimitBytes: number;
}

/**
 * Keeps a WAL database's checkpoints off the request path. SQLite's automatic checkpoint runs inside the commit
 * that makes the WAL cross 1,000 pages: that one write (and, the driver being synchronous, every request waiting
 * behind it) pays for copying the whole WAL back into the database. Here `wal_autocheckpoint` is off and a timer
 * (unref'd, so it never keeps a process alive) runs a `PASSIVE` checkpoint at most once per interval after writes,
 * between operations: each copies only what the last interval wrote. When the `-wal` file has grown past the limit
 * (a burst, or a reader of another process that held a snapshot), a `TRUNCATE` checkpoint shrinks it, without
 * waiting for other connections; if they are busy it is retried later with a growing pause. `close()` checkpoints
 * and truncates once more.
 */
export class WalCheckpointer {
  readonly #handle: BetterSqlite3.Database;
  readonly #walPath: string;
  readonly #options: WalCheckpointerOptions;
  readonly #busyTimeoutMs: number;
  #timer: NodeJS.Timeout | undefined;
  #retryMs = 0;
  #closed = false;

  /**
   * Turns the automatic checkpoint off on `handle` (a WAL database) and schedules a first checkpoint.
   * @param busyTimeoutMs - the handle's `busy_timeout`, restored after each non-waiting `TRUNCATE`
   */
  constructor(handle: BetterSqlite3.Database, options: WalCheckpointerOptions, busyTimeoutMs: number) {
    this.#handle = handle;
    this.#walPath = `${handle.name}-wal`;
    this.#options = options;
    this.#busyTimeoutMs = busyTimeoutMs;
    handle.pragma("wal_autocheckpoint = 0");
    this.noteWrite(); // migrations may just have written
  }

  /** Records that a transaction was committed: a checkpoint runs within the interval. */
  noteWrite(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => this.#tick(), Math.max(this.#options.intervalMs, this.#retryMs));
    this.#timer.unref();
  }

  /**
   * Stops the timer and checkpoints the whole WAL, truncating it (best effort: another connection may be busy).
   * On a handle the caller keeps, SQLite's automatic checkpoint is switched back on.
   * @param restoreAutocheckpoint - whether the handle outlives the store
   */
  close(restoreAutocheckpoint: boolean): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#handle.open) return;
    try {
      this.#checkpoint("TRUNCATE");
    } catch {
      // Nothing to do about it here: SQLite checkpoints again when the last connection closes.
    }
    if (restoreAutocheckpoint) this.#handle.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }

  #tick(): void {
    this.#timer = undefined;
    if (this.#closed || !this.#handle.open) return;
    let pending: boolean;
    try {
      const passive = this.#checkpoint("PASSIVE");
      if (this.#walSize() > this.#options.walSizeLimitBytes) {
        const truncate = this.#checkpoint("TRUNCATE");
        pending = truncate.busy !== 0;
      } else {
        pending = passive.busy !== 0 || passive.checkpointed < passive.log;
      }
    } catch {
      // A checkpoint that fails (I/O error, full disk) is retried later; the next write will report the error.
      pending = true;
    }
    this.#retryMs = pending ? Math.min(MAX_RETRY_MS, Math.max(this.#options.intervalMs, this.#retryMs * 2)) : 0;
    if (pending) this.noteWrite();
  }

  /** Runs one checkpoint; `TRUNCATE` without waiting on other connections (the thread must not block). */
  #checkpoint(mode: "PASSIVE" | "TRUNCATE"): CheckpointRow {
    if (mode === "PASSIVE") return (this.#handle.pragma("wal_checkpoint(PASSIVE)") as CheckpointRow[])[0]!;
    this.#handle.pragma("busy_timeout = 0");
    try {
      return (this.#handle.pragma("wal_checkpoint(TRUNCATE)") as CheckpointRow[])[0]!;
    } finally {
      this.#handle.pragma(`busy_timeout = ${this.#busyTimeoutMs}`);
    }
  }

  #walSize(): number {
    try {
      return statSync(this.#walPath).size;
    } catch {
      return 0;
    }
  }
}
